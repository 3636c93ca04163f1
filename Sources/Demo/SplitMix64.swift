/// SplitMix64 (Steele, Lea, Flood 2014): a tiny deterministic `RandomNumberGenerator`.
///
/// Integer arithmetic only, so a seed gives the same sequence on every platform: the same graine gives the same
/// synthetic métropole on macOS and Linux, and a failing property test can be replayed from the seed it prints.
///
///     var rng = SplitMix64(graine: 42)
///     let de = Int.random(in: 1...6, using: &rng)
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    private var etat: UInt64

    /// Creates a generator whose sequence is fixed by `graine`.
    public init(graine: UInt64) { etat = graine }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        etat &+= 0x9E37_79B9_7F4A_7C15
        var z = etat
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// An independent generator for sub-stream `flux`, item `index` of `graine`: item i of a stream does not depend on
    /// how many items were drawn before it, so a larger métropole extends a smaller one of the same graine.
    public static func flux(_ flux: UInt64, index: UInt64, graine: UInt64) -> SplitMix64 {
        var melange = SplitMix64(graine: graine ^ (flux &* 0xD1B5_4A32_D192_ED03))
        let base = melange.next()
        var item = SplitMix64(graine: base ^ (index &* 0x9E37_79B9_7F4A_7C15))
        return SplitMix64(graine: item.next())
    }
}
