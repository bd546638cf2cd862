//! The project's own calls that pass a cookie setting as a cookie's flag
//! (`secure=settings.SESSION_COOKIE_SECURE`, `https_only=config.SESSION_COOKIE_SECURE`):
//! a fixed call of the project's is written the same way (DESIGN.md section 10).

use super::text;

/// The keywords whose value is a cookie's Secure flag, as written before their value.
pub const KEYWORDS: &[&str] = &["secure=", "https_only="];

/// One keyword argument whose value is a dotted name ending in a setting's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    /// `secure`, `https_only`.
    pub keyword: &'static str,
    /// `settings.SESSION_COOKIE_SECURE`, as written.
    pub expression: String,
    /// 1-based.
    pub line: usize,
}

impl Followed {
    /// The name the expression starts from (`settings`), which must be bound where a
    /// fix writes it.
    pub fn root(&self) -> &str {
        self.expression
            .split('.')
            .next()
            .unwrap_or(&self.expression)
    }

    /// The setting's name (`SESSION_COOKIE_SECURE`).
    pub fn setting(&self) -> &str {
        self.expression
            .rsplit('.')
            .next()
            .unwrap_or(&self.expression)
    }
}

/// The flags a file passes as a dotted name ending in an upper-case name, outside
/// comments. Only files a rule reads are searched, each keyword once: most hold none.
pub fn read(bytes: &[u8]) -> Vec<Followed> {
    let mut followed = Vec::new();
    for keyword in KEYWORDS {
        for at in memchr::memmem::find_iter(bytes, keyword.as_bytes()) {
            let before = at.checked_sub(1).map(|b| bytes[b]);
            if before.is_some_and(|b| b.is_ascii_alphanumeric() || b == b'_') {
                continue;
            }
            let value = &bytes[at + keyword.len()..];
            let length = value
                .iter()
                .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'.'))
                .unwrap_or(value.len());
            let Ok(expression) = std::str::from_utf8(&value[..length]) else {
                continue;
            };
            if !is_setting_reference(expression) || text::in_comment(bytes, at) {
                continue;
            }
            followed.push(Followed {
                keyword: keyword.trim_end_matches('='),
                expression: expression.to_owned(),
                line: text::line_number(bytes, at),
            });
        }
    }
    followed
}

/// `settings.SESSION_COOKIE_SECURE`: a name, attributes, and an upper-case last one.
fn is_setting_reference(expression: &str) -> bool {
    let parts: Vec<&str> = expression.split('.').collect();
    let is_name = |part: &&str| {
        part.chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
    };
    parts.len() >= 2
        && parts.iter().all(is_name)
        && parts.last().is_some_and(|last| {
            last.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_from(code: &str) -> Vec<(String, usize)> {
        read(code.as_bytes())
            .into_iter()
            .map(|f| (format!("{}={}", f.keyword, f.expression), f.line))
            .collect()
    }

    #[test]
    fn a_flag_that_names_a_setting_is_followed() {
        let code = "r.set_cookie('a', v, secure=settings.SESSION_COOKIE_SECURE)\n\
                    # r.set_cookie('b', v, secure=settings.OTHER)\n\
                    app.add_middleware(SessionMiddleware, https_only=conf.x.PRODUCTION)\n\
                    r.set_cookie('c', v, secure=self.secure, insecure=settings.X)\n";
        assert_eq!(
            read_from(code),
            [
                ("secure=settings.SESSION_COOKIE_SECURE".to_owned(), 1),
                ("https_only=conf.x.PRODUCTION".to_owned(), 3)
            ]
        );
    }
}
