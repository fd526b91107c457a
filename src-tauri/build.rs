fn main() {
    // The root Cargo.toml is the app package, so this script runs at the repository root:
    // point Tauri at the capability files in src-tauri/.
    tauri_build::try_build(
        tauri_build::Attributes::new().capabilities_path_pattern("src-tauri/capabilities/**/*"),
    )
    .expect("failed to run the Tauri build script");
}
