//! `url::percent_decode` never panics, never grows its input, leaves text without `%` as it
//! is, and undoes `url::encode_path`: decoding the encoding of what it decoded gives it back.

#![no_main]

use congkhai::url::{encode_path, percent_decode};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let decoded = percent_decode(s);
    if !s.contains('%') {
        assert_eq!(decoded.as_deref(), Some(s));
    }
    // Any string survives encoding and decoding, and its encoding is plain ASCII.
    let encoded = encode_path(s);
    assert!(encoded.is_ascii());
    assert_eq!(percent_decode(&encoded).as_deref(), Some(s));
    if let Some(d) = decoded {
        assert!(d.len() <= s.len());
        let again = encode_path(&d);
        assert_eq!(percent_decode(&again).as_deref(), Some(d.as_str()));
        // Encoding is a function of the decoded text: re-encoding is stable.
        assert_eq!(encode_path(&percent_decode(&again).unwrap_or_default()), again);
    }
});
