//! Reading parts of a ZIP package (DOCX, ODT) with limits: a part may not inflate beyond
//! [`MAX_PART`], the parts read together beyond [`MAX_TOTAL`], and no part may inflate more
//! than [`MAX_RATIO`] times its compressed size once it is past a megabyte. The sizes the
//! archive declares are not trusted: reading stops at the limit.

use std::io::{Cursor, Read};

use crate::ImportError;

pub const MAX_PART: u64 = 64 << 20;
pub const MAX_TOTAL: u64 = 160 << 20;
pub const MAX_RATIO: u64 = 200;

pub struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    total: u64,
}

impl<'a> Package<'a> {
    pub fn open(bytes: &'a [u8]) -> Result<Package<'a>, ImportError> {
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| ImportError::Malformed {
            detail: format!("not a readable ZIP package: {e}"),
        })?;
        Ok(Package { zip, total: 0 })
    }

    pub fn has(&self, name: &str) -> bool {
        self.zip.index_for_name(name).is_some()
    }

    /// The part's bytes, or `None` when there is no such part.
    pub fn read(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut file = self
            .zip
            .by_index(index)
            .map_err(|e| ImportError::Malformed {
                detail: format!("{name}: {e}"),
            })?;
        let compressed = file.compressed_size().max(1);
        let room = (MAX_TOTAL - self.total).min(MAX_PART);
        let mut out = Vec::new();
        let mut chunk = [0u8; 64 * 1024];
        loop {
            let n = file.read(&mut chunk).map_err(|e| ImportError::Malformed {
                detail: format!("{name}: {e}"),
            })?;
            if n == 0 {
                break;
            }
            out.extend_from_slice(&chunk[..n]);
            let len = out.len() as u64;
            if len > room || (len > (1 << 20) && len / compressed > MAX_RATIO) {
                return Err(ImportError::Bomb {
                    part: name.to_owned(),
                });
            }
        }
        self.total += out.len() as u64;
        Ok(Some(out))
    }
}
