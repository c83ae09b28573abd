//! SplitMix64 (Steele, Lea, Flood 2014): a tiny, fast generator that gives the same stream
//! for the same seed on every platform. The generator and seeded sensitivity sampling use
//! it; nothing in antq reads a random source of the system.

/// The SplitMix64 state.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(pub(crate) u64);

impl SplitMix64 {
    /// The next 64 random bits.
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next() % n }
    }

    /// True with probability `per_mille`/1000.
    pub(crate) fn chance(&mut self, per_mille: u64) -> bool {
        self.below(1000) < per_mille
    }

    /// Uniform in [-1, 1].
    pub(crate) fn signed_unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 * 2.0 - 1.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stream_is_the_published_one() {
        // First output of SplitMix64 seeded with 0 (reference implementation).
        assert_eq!(SplitMix64(0).next(), 0xE220_A839_7B1D_CDAF);
        let mut r = SplitMix64(7);
        assert!((0..1000).map(|_| r.signed_unit()).all(|x| (-1.0..=1.0).contains(&x)));
    }
}
