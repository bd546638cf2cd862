//! A `Set-Cookie` value written in the code, read as a browser reads the header
//! (RFC 6265 section 5.2): the cookie's `name=value` up to the first `;`, then
//! attributes separated by `;`, each named by its text before any `=`, blanks trimmed,
//! in any case. `flag=Secure` names no attribute; `Secure=no` sets Secure.

use std::ops::Range;

use tree_sitter::Node;

use crate::edit::Edit;
use crate::literal;
use crate::parse;

/// What a header's value says about one attribute.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reading {
    /// The attribute is set, or the value is empty (no cookie at all).
    Set,
    /// The attribute is absent: this edit appends it.
    Absent(Edit),
    /// The value is not a literal template (a name, a call, `+`).
    Expression,
    /// The attributes are partly an expression: a replacement field that may stand for
    /// whole attributes (see [`fields_stand_for_values`]).
    ExpressionAttributes,
    /// A piece holds escapes, which could spell a `;` or the attribute.
    Escapes,
    /// The value holds more than one cookie (a line break, a comma outside `Expires`).
    TwoCookies,
    /// The value ends in separators spread over two string pieces: no single edit of
    /// the last piece leaves one `; ` before the attribute.
    SplitSeparators,
}

/// One unit of the value's text: a byte of a literal piece (with its offset in the
/// source), or a replacement field whose text is only known at run time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Unit {
    Byte(u8, usize),
    Hole,
}

/// How a template's fields are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fields {
    /// Only f-string replacement fields.
    FString,
    /// `template % args`: `%s`, `%(name)s`; `%%` is a `%`.
    Percent,
    /// `template.format(...)`: `{}`, `{name}`; `{{` is a `{`.
    Braces,
}

/// Reads `value` for the attribute `attribute` (`Secure`); a fix appends `appended`
/// (`Secure`, `SameSite=Lax`).
pub fn read(value: Node, source: &[u8], attribute: &str, appended: &str) -> Reading {
    let Some((template, fields)) = template_of(value, source) else {
        return Reading::Expression;
    };
    let pieces: Vec<Node> = match template.kind() {
        "concatenated_string" => parse::code_children(template),
        _ => vec![template],
    };
    let mut units = Vec::new();
    let mut last_piece = 0..0;
    for piece in &pieces {
        let Some((content, raw)) = content_of(*piece, source) else {
            return Reading::Expression;
        };
        let piece_units = units_of(*piece, content.clone(), source, fields);
        let escapes = piece_units
            .iter()
            .any(|unit| matches!(unit, Unit::Byte(b'\\', _)));
        if escapes && !raw {
            return Reading::Escapes;
        }
        units.extend(piece_units);
        last_piece = content;
    }
    judge(&units, last_piece, attribute, appended)
}

/// The literal a value is written with, and how its fields are written: the string
/// itself, or the template of `%` or `.format`.
fn template_of<'t>(value: Node<'t>, source: &[u8]) -> Option<(Node<'t>, Fields)> {
    let value = literal::unparenthesize(value);
    let is_literal = |node: Node| matches!(node.kind(), "string" | "concatenated_string");
    match value.kind() {
        "string" | "concatenated_string" => Some((value, Fields::FString)),
        "binary_operator" => {
            let operator = value.child_by_field_name("operator")?;
            let left = literal::unparenthesize(value.child_by_field_name("left")?);
            (operator.kind() == "%" && is_literal(left)).then_some((left, Fields::Percent))
        }
        "call" => {
            let function = value.child_by_field_name("function")?;
            let method = function.child_by_field_name("attribute")?;
            let object = literal::unparenthesize(function.child_by_field_name("object")?);
            (function.kind() == "attribute"
                && method.utf8_text(source).ok()? == "format"
                && is_literal(object))
            .then_some((object, Fields::Braces))
        }
        _ => None,
    }
}

/// The bytes between a string piece's quotes, and whether it is raw.
fn content_of(piece: Node, source: &[u8]) -> Option<(Range<usize>, bool)> {
    if piece.kind() != "string" {
        return None;
    }
    let mut cursor = piece.walk();
    let children: Vec<Node> = piece.children(&mut cursor).collect();
    let start = children.first().filter(|n| n.kind() == "string_start")?;
    let end = children.last().filter(|n| n.kind() == "string_end")?;
    let prefix = source.get(start.byte_range())?;
    let raw = prefix.iter().any(|b| b.eq_ignore_ascii_case(&b'r'));
    Some((start.end_byte()..end.start_byte(), raw))
}

/// A piece's text as units: its bytes, with its replacement fields (and, in a `%` or
/// `.format` template, its placeholders) as holes.
fn units_of(piece: Node, content: Range<usize>, source: &[u8], fields: Fields) -> Vec<Unit> {
    let mut cursor = piece.walk();
    let interpolations: Vec<Range<usize>> = piece
        .named_children(&mut cursor)
        .filter(|child| child.kind() == "interpolation")
        .map(|child| child.byte_range())
        .collect();
    let mut units = Vec::new();
    let mut at = content.start;
    while at < content.end {
        if let Some(field) = interpolations.iter().find(|field| field.start == at) {
            units.push(Unit::Hole);
            at = field.end;
            continue;
        }
        let byte = source[at];
        let next = source.get(at + 1).copied().filter(|_| at + 1 < content.end);
        match (fields, byte, next) {
            (Fields::Percent, b'%', Some(b'%'))
            | (Fields::Braces, b'{', Some(b'{'))
            | (Fields::Braces, b'}', Some(b'}')) => {
                units.push(Unit::Byte(byte, at));
                at += 2;
            }
            (Fields::Percent, b'%', _) => {
                units.push(Unit::Hole);
                at = percent_placeholder_end(source, at + 1, content.end);
            }
            (Fields::Braces, b'{', _) => {
                units.push(Unit::Hole);
                at = brace_field_end(source, at + 1, content.end);
            }
            _ => {
                units.push(Unit::Byte(byte, at));
                at += 1;
            }
        }
    }
    units
}

/// The end of a `%` placeholder whose text starts at `at`: past `(name)`, flags, width,
/// precision and length, its conversion letter included.
fn percent_placeholder_end(source: &[u8], mut at: usize, end: usize) -> usize {
    if source.get(at) == Some(&b'(') {
        at = source[at..end]
            .iter()
            .position(|&b| b == b')')
            .map_or(end, |close| at + close + 1);
    }
    while at < end && !source[at].is_ascii_alphabetic() {
        at += 1;
    }
    while at < end && matches!(source[at], b'h' | b'l' | b'L') {
        at += 1;
    }
    (at + 1).min(end)
}

/// The end of a `.format` field whose text starts at `at`, past its closing `}`: a
/// format spec may hold fields of its own (`{:>{width}}`).
fn brace_field_end(source: &[u8], mut at: usize, end: usize) -> usize {
    let mut depth = 1;
    while at < end && depth > 0 {
        match source[at] {
            b'{' => depth += 1,
            b'}' => depth -= 1,
            _ => {}
        }
        at += 1;
    }
    at
}

/// The reading of a value's units; `last_piece` is the content of its last string piece,
/// where an absent attribute is appended.
fn judge(units: &[Unit], last_piece: Range<usize>, attribute: &str, appended: &str) -> Reading {
    // No text but separators: no cookie to secure.
    if units.iter().all(is_separator) {
        return Reading::Set;
    }
    if units
        .iter()
        .any(|unit| matches!(unit, Unit::Byte(b'\n' | b'\r', _)))
    {
        return Reading::TwoCookies;
    }
    let mut segments = units.split(|unit| matches!(unit, Unit::Byte(b';', _)));
    let cookie = segments.next().unwrap_or_default();
    if cookie
        .iter()
        .any(|unit| matches!(unit, Unit::Byte(b',', _)))
    {
        return Reading::TwoCookies;
    }
    if !fields_stand_for_values(cookie, true) {
        return Reading::ExpressionAttributes;
    }
    for segment in segments {
        if !fields_stand_for_values(segment, false) {
            return Reading::ExpressionAttributes;
        }
        let text: Vec<u8> = segment
            .iter()
            .filter_map(|unit| match unit {
                Unit::Byte(byte, _) => Some(*byte),
                Unit::Hole => None,
            })
            .collect();
        let name_end = text.iter().position(|&b| b == b'=').unwrap_or(text.len());
        let name = trim_blanks(&text[..name_end]);
        if name.eq_ignore_ascii_case(attribute.as_bytes()) {
            return Reading::Set;
        }
        if text.contains(&b',') && !name.eq_ignore_ascii_case(b"expires") {
            return Reading::TwoCookies;
        }
    }
    append(units, last_piece, appended)
}

/// Whether every replacement field of a segment (the cookie's `name=value`, or one
/// attribute) stands for part of a value, which a browser reads whatever it holds
/// but for a `;` no one writes into a value: a field after the segment's first `=`,
/// joined to the byte before it (`Max-Age=%d`, `sid={a}.{b}`), or, in the cookie's
/// segment, a field of its name (`{}={}`). A field after a blank or another field
/// (`sid=%s %s`, `sid=%s%s`), or where an attribute's name goes (`sid=%s; %s`), may
/// stand for whole attributes.
fn fields_stand_for_values(segment: &[Unit], cookie: bool) -> bool {
    let equals = segment
        .iter()
        .position(|unit| matches!(unit, Unit::Byte(b'=', _)));
    segment
        .iter()
        .enumerate()
        .all(|(at, unit)| match (unit, equals) {
            (Unit::Byte(..), _) => true,
            (Unit::Hole, Some(equals)) if at > equals => {
                !matches!(segment[at - 1], Unit::Hole | Unit::Byte(b' ' | b'\t', _))
            }
            (Unit::Hole, Some(_)) => cookie,
            (Unit::Hole, None) => false,
        })
}

/// The edit that appends `; ATTRIBUTE` inside the last piece, in place of the
/// separators and blanks the value ends with.
fn append(units: &[Unit], last_piece: Range<usize>, appended: &str) -> Reading {
    let kept = units.len() - units.iter().rev().take_while(|u| is_separator(u)).count();
    let cut = match units.get(kept) {
        Some(Unit::Byte(_, offset)) => *offset,
        _ => last_piece.end,
    };
    if cut < last_piece.start {
        return Reading::SplitSeparators;
    }
    // Several attributes appended to one value (by several rules) join in table order.
    Reading::Absent(Edit {
        joined_by: Some(""),
        ..Edit::replace(cut..last_piece.end, format!("; {appended}"))
    })
}

/// The cookie's name, when the value's first string piece spells it before an `=`.
pub fn cookie_name(value: Node, source: &[u8]) -> Option<String> {
    let (template, _) = template_of(value, source)?;
    let first = match template.kind() {
        "concatenated_string" => *parse::code_children(template).first()?,
        _ => template,
    };
    let (content, _) = content_of(first, source)?;
    let text = source.get(content)?;
    let end = text.iter().position(|&b| b == b'=')?;
    let name = trim_blanks(&text[..end]);
    std::str::from_utf8(name).ok().map(str::to_owned)
}

fn is_separator(unit: &Unit) -> bool {
    matches!(unit, Unit::Byte(b';' | b' ' | b'\t', _))
}

fn trim_blanks(text: &[u8]) -> &[u8] {
    let is_blank = |b: &u8| *b == b' ' || *b == b'\t';
    let start = text.iter().position(|b| !is_blank(b)).unwrap_or(text.len());
    let end = text
        .iter()
        .rposition(|b| !is_blank(b))
        .map_or(start, |e| e + 1);
    &text[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of `x = VALUE` read for Secure, and the fixed line.
    fn reading(value: &str) -> (Reading, String) {
        let code = format!("x = {value}\n");
        let parsed = crate::parse::parse(code.as_bytes()).expect("a tree");
        let assignment = parsed
            .tree
            .root_node()
            .named_child(0)
            .and_then(|statement| statement.named_child(0))
            .expect("an assignment");
        let right = assignment.child_by_field_name("right").expect("a value");
        let reading = read(right, code.as_bytes(), "Secure", "Secure");
        let fixed = match &reading {
            Reading::Absent(edit) => {
                let out = crate::edit::apply(code.as_bytes(), std::slice::from_ref(edit))
                    .expect("one edit");
                String::from_utf8(out).expect("UTF-8")
            }
            _ => code.clone(),
        };
        (
            reading,
            fixed.trim_end().trim_start_matches("x = ").to_owned(),
        )
    }

    #[test]
    fn attributes_are_read_as_a_browser_reads_them() {
        for value in [
            r#""sid=abc; Secure""#,
            r#""sid=abc;secure""#,
            r#""sid=abc; Path=/;  SECURE ; HttpOnly""#,
            r#""sid=abc; Secure=no""#,
            r#""""#,
            r#"f"sid={sid}; Secure""#,
            r#""sid=%s; Secure" % sid"#,
            r#""{}={}; secure".format(k, v)"#,
            r#""sid=abc; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure""#,
            r#""sid=abc; " "Secure""#,
            r#""; ""#,
        ] {
            assert_eq!(reading(value).0, Reading::Set, "{value}");
        }
    }

    #[test]
    fn an_absent_attribute_is_appended_with_one_separator() {
        for (value, fixed) in [
            (r#""sid=abc""#, r#""sid=abc; Secure""#),
            (r#""sid=abc; Path=/;""#, r#""sid=abc; Path=/; Secure""#),
            (r#""sid=abc; Path=/; ""#, r#""sid=abc; Path=/; Secure""#),
            (r#"'flag=Secure'"#, r#"'flag=Secure; Secure'"#),
            (r#"b"sid=abc""#, r#"b"sid=abc; Secure""#),
            (r#"rb'sid=\x'"#, r#"rb'sid=\x; Secure'"#),
            (r#"f"sid={sid}""#, r#"f"sid={sid}; Secure""#),
            (r#"f"{k}={v};""#, r#"f"{k}={v}; Secure""#),
            (r#""sid=" "abc""#, r#""sid=" "abc; Secure""#),
            (r#""sid=%s" % sid"#, r#""sid=%s; Secure" % sid"#),
            (
                r#""%(k)s=%(v)s; Path=/" % d"#,
                r#""%(k)s=%(v)s; Path=/; Secure" % d"#,
            ),
            (
                r#"("{}={}".format(k, v))"#,
                r#"("{}={}; Secure".format(k, v))"#,
            ),
            (r#"'''sid=abc'''"#, r#"'''sid=abc; Secure'''"#),
            (
                r#""sid=%s; Max-Age=%d" % (sid, age)"#,
                r#""sid=%s; Max-Age=%d; Secure" % (sid, age)"#,
            ),
            (
                r#""sid={}; Path=/{}".format(sid, path)"#,
                r#""sid={}; Path=/{}; Secure".format(sid, path)"#,
            ),
            (
                r#"f"sid={a}.{b}; Max-Age={age}""#,
                r#"f"sid={a}.{b}; Max-Age={age}; Secure""#,
            ),
            (
                r#""sid=%s; Path=%%%s" % (sid, p)"#,
                r#""sid=%s; Path=%%%s; Secure" % (sid, p)"#,
            ),
            (
                r#""sid={}}}; Max-Age={:>{}}".format(sid, age, 6)"#,
                r#""sid={}}}; Max-Age={:>{}}; Secure".format(sid, age, 6)"#,
            ),
            (
                r#""sid=abc; Expires=Wed, 21 Oct 2026 07:28:00 GMT""#,
                r#""sid=abc; Expires=Wed, 21 Oct 2026 07:28:00 GMT; Secure""#,
            ),
        ] {
            let (reading, out) = reading(value);
            assert!(
                matches!(reading, Reading::Absent(_)),
                "{value}: {reading:?}"
            );
            assert_eq!(out, fixed, "{value}");
        }
    }

    #[test]
    fn what_cannot_be_read_is_left_for_review() {
        for (value, want) in [
            ("cookie", Reading::Expression),
            (r#""sid=" + sid"#, Reading::Expression),
            (r#"f"{cookie}""#, Reading::ExpressionAttributes),
            (r#"f"sid={sid}; {flags}""#, Reading::ExpressionAttributes),
            (r#""%s; Path=/" % cookie"#, Reading::ExpressionAttributes),
            (r#""sid=%s; %s" % (sid, a)"#, Reading::ExpressionAttributes),
            (r#""sid=%s%s" % (sid, a)"#, Reading::ExpressionAttributes),
            (r#""sid=%s;%%%s" % (sid, a)"#, Reading::ExpressionAttributes),
            (r#""{}; {}".format(sid, a)"#, Reading::ExpressionAttributes),
            (
                r#""sid={} {}".format(sid, a)"#,
                Reading::ExpressionAttributes,
            ),
            (
                r#""sid={:{w}}{}".format(sid, a, w=2)"#,
                Reading::ExpressionAttributes,
            ),
            (
                r#"f"sid={sid}; Path=/; {a}=1""#,
                Reading::ExpressionAttributes,
            ),
            (r#""sid=abc\x3b Secure""#, Reading::Escapes),
            (r#""a=1, b=2""#, Reading::TwoCookies),
            (r#""a=1; Path=/, b=2""#, Reading::TwoCookies),
            ("'''a=1\nb=2'''", Reading::TwoCookies),
            (r#""sid=abc;" " ""#, Reading::SplitSeparators),
        ] {
            assert_eq!(reading(value).0, want, "{value}");
        }
    }
}
