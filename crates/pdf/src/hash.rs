//! A small stable hash (FNV-1a, 64 bit) for the subset tags and the document ID: the same input
//! gives the same value on every machine and Rust version, unlike `std`'s hasher.

pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }

    /// A second, independent stream (different offset basis), to make 128 bits from two.
    pub(crate) fn with_basis(basis: u64) -> Self {
        Fnv(basis)
    }

    pub(crate) fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn known_values() {
        // Published FNV-1a 64 test vectors.
        let mut h = super::Fnv::new();
        assert_eq!(h.finish(), 0xcbf29ce484222325);
        h.write(b"a");
        assert_eq!(h.finish(), 0xaf63dc4c8601ec8c);
    }
}
