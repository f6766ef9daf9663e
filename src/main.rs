fn main() {
    std::process::exit(congkhai::cli::run(std::env::args_os()));
}
