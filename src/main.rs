fn main() {
    let path = std::env::args().nth(1).unwrap();
    let bytes = std::fs::read(&path).unwrap();
    match cookie_fix::fix(&bytes, &cookie_fix::Settings::default()) {
        Ok(report) => {
            for f in &report.findings {
                eprintln!(
                    "{}:{}: {} {:?} {}",
                    f.start.line,
                    f.start.column,
                    f.verdict.name(),
                    f.suppressed,
                    f.message()
                );
            }
            if let Some(fixed) = report.fixed {
                print!("{}", String::from_utf8_lossy(&fixed));
            }
        }
        Err(e) => eprintln!("error: {e}"),
    }
}
