// jemalloc instead of the system allocator: with glibc's, a rebuild after an edit spent a
// third of its time in malloc and free, and the process kept the memory it freed. Measured on
// the 10,000-page corpus (benches/incremental.py, benches/build.py): body edit 31 -> 22 ms,
// title edit 125 -> 100 ms, full build 1.97 -> 1.68 s, for a full-build peak of 427 MiB
// instead of 369 MiB.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts: memory freed by a rebuild goes back to the system
/// after a second without use (by a background thread), so that `watch` and `serve` shrink
/// back between an editor's edits instead of holding the peak of the last rebuild.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &[u8; 85] =
    b"background_thread:true,max_background_threads:1,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

fn main() {
    std::process::exit(congkhai::cli::run(std::env::args_os()));
}
