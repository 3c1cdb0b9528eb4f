//! The `copydesk` binary: everything happens in [`copydesk::cli`].

/// mimalloc: start-up builds tens of thousands of small strings and maps, and the check
/// allocates per word and per finding; the system allocator spent a quarter of start-up
/// in malloc and free.
///
/// Start-up (some 8 MB of tables) is faulted in with transparent huge pages where the
/// system offers them, and with mimalloc's own purge delay, which keeps freed memory for
/// reuse: on a VM a page fault costs 3-5 us, and the reference story's start-up took
/// 2,600 of them with 4 KiB pages (half its time), under 400 with huge pages. The check
/// that follows is served the other way round ([`checking_begins`]).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in mimalloc's `mimalloc.h` (the same number in versions 2 and
/// 3; `libmimalloc-sys` does not name it).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    copydesk::cli::main_with(checking_begins)
}

/// Once the rule sets are built: memory is taken and freed story by story, so freed
/// memory goes back to the system at once (purge delay 0) and new memory comes in
/// 4 KiB pages. With start-up's settings kept, a 10 MB file peaked at 159 MiB instead
/// of 92.
fn checking_begins() {
    // SAFETY: sets a plain integer option, which mimalloc reads at each purge.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    #[cfg(target_os = "linux")]
    // SAFETY: sets a flag of this process (no more huge pages); no memory is passed.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}
