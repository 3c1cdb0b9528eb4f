//! The `copydesk` binary: everything happens in [`copydesk::cli`].

/// mimalloc: start-up builds tens of thousands of small strings and maps, and the check
/// allocates per word and per finding; the system allocator spent a quarter of start-up
/// in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}
