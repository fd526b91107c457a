//! Clause numbers are derived from position, never stored.

/// The label of a section or clause from its path: `[0]` → `1.`, `[0, 1]` → `1.2.`,
/// `[2, 0, 3]` → `3.1.4.`. The first element is the section index.
pub fn label(path: &[usize]) -> String {
    let mut out = String::with_capacity(path.len() * 3);
    for i in path {
        out.push_str(&(i + 1).to_string());
        out.push('.');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::label;

    #[test]
    fn labels_follow_position() {
        assert_eq!(label(&[0]), "1.");
        assert_eq!(label(&[0, 0]), "1.1.");
        assert_eq!(label(&[1, 9, 2]), "2.10.3.");
        assert_eq!(label(&[5, 0, 0, 0]), "6.1.1.1.");
    }
}
