//! The `copydesk` command.

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}
