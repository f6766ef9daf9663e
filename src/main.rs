// jemalloc instead of the system allocator: with glibc's, a rebuild after an edit spent about
// a third of its CPU time in malloc and free. Measured on the 10,000-page corpus
// (benches/incremental.py, benches/build.py): body edit 31 -> 23 ms, title edit 118 -> 82 ms,
// full build 1.72 -> 1.46 s, for a full-build peak of 284 MiB instead of 251 MiB (jemalloc
// rounds allocations up to its size classes). Without the default `jemalloc` feature the
// system allocator is used.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's settings, read when it starts: memory freed by a rebuild goes back to the system
/// after a second without use (by a background thread), so that `watch` and `serve` shrink
/// back between an editor's edits instead of holding the peak of the last rebuild.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
pub static MALLOC_CONF: &[u8; 85] =
    b"background_thread:true,max_background_threads:1,dirty_decay_ms:1000,muzzy_decay_ms:0\0";

fn main() {
    std::process::exit(congkhai::cli::run(std::env::args_os()));
}
