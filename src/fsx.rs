//! Thin `std::fs` wrappers that put the path in every error.

use std::fs;
use std::path::Path;

use anyhow::{Context, Result};

/// Reads a whole file.
pub fn read(path: &Path) -> Result<Vec<u8>> {
    fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Writes a whole file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, bytes).with_context(|| format!("failed to write `{}`", path.display()))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<()> {
    fs::create_dir_all(path).with_context(|| format!("failed to create folder `{}`", path.display()))
}

/// Copies a file, creating the destination's parent folders.
pub fn copy(from: &Path, to: &Path) -> Result<()> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    fs::copy(from, to).with_context(|| format!("failed to copy `{}` to `{}`", from.display(), to.display()))?;
    Ok(())
}

/// Writes a whole file whose folder exists (the hot path of writing a site: no folder is
/// made).
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    fs::write(path, bytes).with_context(|| format!("failed to write `{}`", path.display()))
}

/// Copies a file into a folder that exists; returns its size.
pub fn copy_file(from: &Path, to: &Path) -> Result<u64> {
    fs::copy(from, to).with_context(|| format!("failed to copy `{}` to `{}`", from.display(), to.display()))
}

/// Opens a file for reading.
pub fn open(path: &Path) -> Result<fs::File> {
    fs::File::open(path).with_context(|| format!("failed to read `{}`", path.display()))
}

/// Writes a new file, refusing to replace one that exists (even one that appeared a moment
/// ago).
pub fn create_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write as _;
    let mut f = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("failed to create `{}`", path.display()))?;
    f.write_all(bytes)
        .with_context(|| format!("failed to write `{}`", path.display()))
}

/// Makes a folder readable and searchable by everyone (0755), as a web server needs.
pub fn make_public(dir: &Path) -> Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o755))
            .with_context(|| format!("failed to set permissions of `{}`", dir.display()))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<()> {
    fs::rename(from, to).with_context(|| format!("failed to rename `{}` to `{}`", from.display(), to.display()))
}

/// Removes a folder and everything in it.
pub fn remove_dir_all(path: &Path) -> Result<()> {
    fs::remove_dir_all(path).with_context(|| format!("failed to remove `{}`", path.display()))
}
