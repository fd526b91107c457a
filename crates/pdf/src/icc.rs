//! An sRGB ICC profile (version 2.1, display class), computed here rather than shipped as a file,
//! for the PDF/A output intent.
//!
//! PDF/A-1 is PDF 1.4, which reads ICC profiles of version 2 (ICC.1:1998-09); the profile must be
//! an output or display profile (`mntr`) with as many components as the intent says (3). What it
//! holds: the D50 white point of the profile connection space, the sRGB primaries adapted to D50
//! (the Bradford-adapted colorants published with IEC 61966-2-1), and one tone curve shared by the
//! three channels: the sRGB transfer function sampled at 1024 points. The creation date in the
//! header is fixed so that every export carries the same bytes.

/// The profile's description, also the output intent's `/OutputConditionIdentifier`.
pub(crate) const SRGB_NAME: &str = "sRGB IEC61966-2.1";

const VERSION_2_1: u32 = 0x0210_0000;
/// The CIE XYZ of the D50 illuminant (the ICC profile connection space white).
const D50: [f64; 3] = [0.9642, 1.0, 0.8249];
/// The sRGB primaries, chromatically adapted from D65 to D50 (Bradford), in XYZ.
const RED: [f64; 3] = [0.436_074_7, 0.222_504_5, 0.013_932_2];
const GREEN: [f64; 3] = [0.385_064_9, 0.716_878_6, 0.097_104_5];
const BLUE: [f64; 3] = [0.143_080_4, 0.060_616_9, 0.714_173_3];
const CURVE_POINTS: usize = 1024;

fn s15_fixed16(v: f64) -> [u8; 4] {
    ((v * 65536.0).round() as i32).to_be_bytes()
}

fn xyz_tag(xyz: [f64; 3]) -> Vec<u8> {
    let mut t = b"XYZ \0\0\0\0".to_vec();
    for v in xyz {
        t.extend_from_slice(&s15_fixed16(v));
    }
    t
}

/// `textDescriptionType`: the ASCII description, empty Unicode and ScriptCode parts.
fn desc_tag(text: &str) -> Vec<u8> {
    let mut t = b"desc\0\0\0\0".to_vec();
    t.extend_from_slice(&(text.len() as u32 + 1).to_be_bytes());
    t.extend_from_slice(text.as_bytes());
    t.push(0);
    t.extend_from_slice(&[0; 4]); // Unicode language code
    t.extend_from_slice(&[0; 4]); // Unicode count
    t.extend_from_slice(&[0; 2]); // ScriptCode code
    t.push(0); // ScriptCode count
    t.extend_from_slice(&[0; 67]); // the ScriptCode description, unused
    t
}

fn text_tag(text: &str) -> Vec<u8> {
    let mut t = b"text\0\0\0\0".to_vec();
    t.extend_from_slice(text.as_bytes());
    t.push(0);
    t
}

/// The sRGB electro-optical transfer function, sampled.
fn curve_tag() -> Vec<u8> {
    let mut t = b"curv\0\0\0\0".to_vec();
    t.extend_from_slice(&(CURVE_POINTS as u32).to_be_bytes());
    for i in 0..CURVE_POINTS {
        let x = i as f64 / (CURVE_POINTS - 1) as f64;
        let y = if x <= 0.040_45 {
            x / 12.92
        } else {
            ((x + 0.055) / 1.055).powf(2.4)
        };
        t.extend_from_slice(&((y * 65535.0).round() as u16).to_be_bytes());
    }
    t
}

/// The whole profile.
pub(crate) fn srgb_profile() -> Vec<u8> {
    let curve = curve_tag();
    // (signature, data); equal data (the three tone curves) is stored once.
    let tags: [(&[u8; 4], Vec<u8>); 9] = [
        (b"desc", desc_tag(SRGB_NAME)),
        (
            b"cprt",
            text_tag("No copyright: computed by Jobdoc from the published sRGB parameters"),
        ),
        (b"wtpt", xyz_tag(D50)),
        (b"rXYZ", xyz_tag(RED)),
        (b"gXYZ", xyz_tag(GREEN)),
        (b"bXYZ", xyz_tag(BLUE)),
        (b"rTRC", curve.clone()),
        (b"gTRC", curve.clone()),
        (b"bTRC", curve),
    ];
    let table_len = 4 + 12 * tags.len();
    let mut data: Vec<u8> = Vec::new();
    let mut entries: Vec<(&[u8; 4], u32, u32)> = Vec::new();
    let mut stored: Vec<(usize, u32)> = Vec::new(); // (tag index, offset) of data written
    for (i, (sig, bytes)) in tags.iter().enumerate() {
        let earlier = stored
            .iter()
            .find(|(j, _)| tags[*j].1 == *bytes)
            .map(|&(_, offset)| offset);
        let offset = match earlier {
            Some(offset) => offset,
            None => {
                data.resize(data.len().div_ceil(4) * 4, 0);
                let offset = (128 + table_len + data.len()) as u32;
                data.extend_from_slice(bytes);
                stored.push((i, offset));
                offset
            }
        };
        entries.push((sig, offset, bytes.len() as u32));
    }
    data.resize(data.len().div_ceil(4) * 4, 0);
    let size = (128 + table_len + data.len()) as u32;

    let mut p = Vec::with_capacity(size as usize);
    p.extend_from_slice(&size.to_be_bytes());
    p.extend_from_slice(&[0; 4]); // preferred CMM: none
    p.extend_from_slice(&VERSION_2_1.to_be_bytes());
    p.extend_from_slice(b"mntr");
    p.extend_from_slice(b"RGB ");
    p.extend_from_slice(b"XYZ ");
    for v in [2026u16, 1, 1, 0, 0, 0] {
        p.extend_from_slice(&v.to_be_bytes());
    }
    p.extend_from_slice(b"acsp");
    p.extend_from_slice(&[0; 4]); // primary platform: none
    p.extend_from_slice(&[0; 4]); // flags
    p.extend_from_slice(&[0; 4]); // device manufacturer
    p.extend_from_slice(&[0; 4]); // device model
    p.extend_from_slice(&[0; 8]); // device attributes
    p.extend_from_slice(&0u32.to_be_bytes()); // rendering intent: perceptual
    for v in D50 {
        p.extend_from_slice(&s15_fixed16(v));
    }
    p.extend_from_slice(&[0; 4]); // creator
    p.resize(128, 0); // profile ID (v4 only) and reserved bytes
    p.extend_from_slice(&(tags.len() as u32).to_be_bytes());
    for (sig, offset, len) in entries {
        p.extend_from_slice(sig);
        p.extend_from_slice(&offset.to_be_bytes());
        p.extend_from_slice(&len.to_be_bytes());
    }
    p.extend_from_slice(&data);
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn u32_at(p: &[u8], at: usize) -> u32 {
        u32::from_be_bytes(p[at..at + 4].try_into().unwrap())
    }

    /// Reads the header and the tag table back as an ICC reader does.
    #[test]
    fn a_well_formed_version_2_display_profile() {
        let p = srgb_profile();
        assert_eq!(u32_at(&p, 0) as usize, p.len());
        assert_eq!(p.len() & 3, 0);
        assert_eq!(&p[36..40], b"acsp");
        assert_eq!(p[8], 2, "major version 2 (PDF 1.4)");
        assert_eq!(&p[12..24], b"mntrRGB XYZ ");
        let count = u32_at(&p, 128) as usize;
        let mut sigs = Vec::new();
        for k in 0..count {
            let e = 132 + 12 * k;
            let (offset, len) = (u32_at(&p, e + 4) as usize, u32_at(&p, e + 8) as usize);
            assert_eq!(offset & 3, 0);
            assert!(offset + len <= p.len());
            sigs.push(String::from_utf8(p[e..e + 4].to_vec()).unwrap());
            let kind = &p[offset..offset + 4];
            match &p[e..e + 4] {
                b"rTRC" | b"gTRC" | b"bTRC" => {
                    assert_eq!(kind, b"curv");
                    let n = u32_at(&p, offset + 8) as usize;
                    assert_eq!(len, 12 + 2 * n);
                    let at = |i: usize| {
                        u16::from_be_bytes([p[offset + 12 + 2 * i], p[offset + 13 + 2 * i]])
                    };
                    assert_eq!((at(0), at(n - 1)), (0, 65535));
                    // sRGB mid grey (128/255) is about 21.6 % linear light.
                    let mid = f64::from(at((n - 1) * 128 / 255)) / 65535.0;
                    assert!((mid - 0.216).abs() < 0.005, "{mid}");
                }
                b"wtpt" | b"rXYZ" | b"gXYZ" | b"bXYZ" => assert_eq!(kind, b"XYZ "),
                b"desc" => assert_eq!(kind, b"desc"),
                b"cprt" => assert_eq!(kind, b"text"),
                other => panic!("unexpected tag {other:?}"),
            }
        }
        for required in [
            "desc", "cprt", "wtpt", "rXYZ", "gXYZ", "bXYZ", "rTRC", "gTRC", "bTRC",
        ] {
            assert!(sigs.iter().any(|s| s == required), "{required} missing");
        }
        // The colorants add up to the white point (the Y of white is 1).
        let y: f64 = [RED, GREEN, BLUE].iter().map(|c| c[1]).sum();
        assert!((y - 1.0).abs() < 1e-4);
        assert_eq!(srgb_profile(), p, "deterministic");
    }
}
