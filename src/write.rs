//! Writing a fixed file: atomically, through symlinks, keeping permissions, and
//! never over a file that changed since it was read.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::Path;

/// Prefix and suffix of the temporary file beside the target. The suffix is not a
/// Python extension, so a file left by a killed run is never taken for source.
pub const TEMP_PREFIX: &str = ".cookie-fix-";
pub const TEMP_SUFFIX: &str = ".tmp";

#[derive(Debug)]
pub enum WriteError {
    ReadOnly,
    Changed,
    Io(io::Error),
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WriteError::ReadOnly => write!(f, "file is read-only; fixes not written"),
            WriteError::Changed => write!(
                f,
                "file changed on disk since it was read; fixes not written (run again)"
            ),
            WriteError::Io(error) => write!(f, "cannot write: {error}"),
        }
    }
}

impl From<io::Error> for WriteError {
    fn from(error: io::Error) -> Self {
        WriteError::Io(error)
    }
}

/// Replaces the file at `path` (or the file a symlink there points to) with
/// `fixed`, if its bytes are still `original`.
pub fn write_fixed(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), WriteError> {
    let target = fs::canonicalize(path)?;
    let metadata = fs::metadata(&target)?;
    // Root may write anywhere, and a rename replaces even a read-only file: ask the bits.
    if metadata.permissions().readonly() {
        return Err(WriteError::ReadOnly);
    }
    if fs::read(&target)? != original {
        return Err(WriteError::Changed);
    }
    let folder = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(folder)?;
    temp.write_all(fixed)?;
    temp.as_file().set_permissions(metadata.permissions())?;
    temp.as_file().sync_all()?;
    // On any error above, dropping `temp` removes it.
    temp.persist(&target).map_err(|e| WriteError::Io(e.error))?;
    Ok(())
}

// Permission bits and symbolic links, as Unix has them.
#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{symlink, PermissionsExt};

    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .expect("readable folder")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .filter(|name| name.starts_with(TEMP_PREFIX))
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_keeps_its_permissions() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("app.py");
        fs::write(&path, "old\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).expect("chmod");
        write_fixed(&path, b"old\n", b"new\n").expect("written");
        assert_eq!(fs::read(&path).expect("read"), b"new\n");
        let mode = fs::metadata(&path).expect("metadata").permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn refuses_a_file_that_changed_since_it_was_read() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("app.py");
        fs::write(&path, "changed by someone else\n").expect("write");
        let error = write_fixed(&path, b"as read\n", b"fixed\n").expect_err("refused");
        assert!(matches!(error, WriteError::Changed), "{error}");
        assert_eq!(fs::read(&path).expect("read"), b"changed by someone else\n");
        assert_eq!(leftovers(dir.path()), Vec::<String>::new());
    }

    #[test]
    fn refuses_a_read_only_file() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join("app.py");
        fs::write(&path, "old\n").expect("write");
        fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).expect("chmod");
        let error = write_fixed(&path, b"old\n", b"new\n").expect_err("refused");
        assert!(matches!(error, WriteError::ReadOnly), "{error}");
        assert_eq!(fs::read(&path).expect("read"), b"old\n");
    }

    #[test]
    fn writes_through_a_symlink_to_its_target() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let target = dir.path().join("real.py");
        let link = dir.path().join("link.py");
        fs::write(&target, "old\n").expect("write");
        symlink(&target, &link).expect("symlink");
        write_fixed(&link, b"old\n", b"new\n").expect("written");
        assert!(fs::symlink_metadata(&link)
            .expect("link")
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&target).expect("read"), b"new\n");
    }
}
