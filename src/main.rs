//! The `copydesk` binary: everything happens in [`copydesk::cli`].

/// mimalloc: start-up builds tens of thousands of small strings and maps, and the check
/// allocates per word and per finding; the system allocator spent a quarter of start-up
/// in malloc and free. Built without transparent huge pages (feature `no_thp`), which
/// took one story's peak RSS from 27 to 61 MiB. mimalloc's own purge delay (10 ms) is
/// kept: returning freed memory at once (delay 0) took a 10 MB file's peak RSS from 99
/// to 92 MiB, but cost one story 650 more page faults at start-up (of 3,900), 2 ms of
/// system time, as freed tables were handed back and then faulted in again.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}
