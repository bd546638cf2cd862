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
