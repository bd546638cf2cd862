//! Findings as GitHub Actions workflow commands, which annotate a pull request's diff.

use crate::diagnostic::Finding;

pub fn annotation(path: &str, finding: &Finding) -> String {
    let level = if finding.verdict.is_fixable() {
        "error"
    } else {
        "warning"
    };
    let (start, end) = (finding.start, finding.end);
    format!(
        "::{level} title={title},file={file},line={},col={},endLine={},endColumn={}::{}",
        start.line,
        start.column,
        end.line,
        end.column,
        escape_data(&format!(
            "{path}:{}:{}: {} {} {}",
            start.line,
            start.column,
            finding.rule,
            finding.message,
            super::text::label(finding)
        )),
        title = escape_property(&format!("cookie-fix ({})", finding.rule)),
        file = escape_property(path),
    )
}

/// The escapes GitHub's runner undoes in a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escapes GitHub's runner undoes in a command's property values.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a:b,c"), "a:b,c");
    }
}
