//! Preferences kept between runs: recent files, the last export folder, the UI language, the
//! recent library folders.

use std::path::Path;

use jobdoc_model::Language;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many recent files are remembered.
pub const MAX_RECENT: usize = 10;

/// Preferences kept between runs.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct Settings {
    /// Most recent first.
    pub recent: Vec<String>,
    pub last_export_dir: Option<String>,
    /// The UI's language; `None` follows the system locale.
    pub ui_language: Option<Language>,
    /// The export file-name pattern last used.
    pub export_pattern: Option<String>,
    /// Library folders opened, most recent first.
    pub recent_libraries: Vec<String>,
}

impl Settings {
    /// Reads the settings file; a missing or unreadable file gives the defaults (settings are
    /// a convenience and must never keep the editor from starting).
    pub fn load(path: &Path) -> Settings {
        std::fs::read(path)
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }

    /// Writes the settings file atomically, creating its folder.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let mut bytes = serde_json::to_vec_pretty(self).map_err(std::io::Error::other)?;
        bytes.push(b'\n');
        jobdoc_model::atomic_write(path, &bytes)
    }

    /// Puts `path` first in the recent list (once), keeping at most [`MAX_RECENT`].
    pub fn add_recent(&mut self, path: &str) {
        self.recent.retain(|p| p != path);
        self.recent.insert(0, path.to_owned());
        self.recent.truncate(MAX_RECENT);
    }

    pub fn remove_recent(&mut self, path: &str) {
        self.recent.retain(|p| p != path);
    }

    /// Puts the library folder `path` first in the recent libraries (once), keeping at most
    /// [`MAX_RECENT`].
    pub fn add_recent_library(&mut self, path: &str) {
        self.recent_libraries.retain(|p| p != path);
        self.recent_libraries.insert(0, path.to_owned());
        self.recent_libraries.truncate(MAX_RECENT);
    }

    pub fn remove_recent_library(&mut self, path: &str) {
        self.recent_libraries.retain(|p| p != path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recent_files_are_unique_newest_first_and_bounded() {
        let mut s = Settings::default();
        for i in 0..15 {
            s.add_recent(&format!("/f{i}.jobdoc"));
        }
        s.add_recent("/f10.jobdoc");
        assert_eq!(s.recent.len(), MAX_RECENT);
        assert_eq!(s.recent[0], "/f10.jobdoc");
        assert_eq!(s.recent[1], "/f14.jobdoc");
        assert_eq!(s.recent.iter().filter(|p| *p == "/f10.jobdoc").count(), 1);
        s.remove_recent("/f10.jobdoc");
        assert_eq!(s.recent[0], "/f14.jobdoc");
    }

    #[test]
    fn settings_round_trip_and_survive_a_bad_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub").join("settings.json");
        assert_eq!(Settings::load(&path), Settings::default());
        let mut s = Settings::default();
        s.add_recent("/a.jobdoc");
        s.last_export_dir = Some("/exports".into());
        s.ui_language = Some(Language::En);
        s.save(&path).unwrap();
        assert_eq!(Settings::load(&path), s);
        std::fs::write(&path, b"{not json").unwrap();
        assert_eq!(Settings::load(&path), Settings::default());
    }
}
