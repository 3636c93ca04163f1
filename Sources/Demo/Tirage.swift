import Foundation

/// Draws of the synthetic métropole over a `SplitMix64`, with arithmetic only (no `log`, `exp`, `cos`): the libm of
/// each platform may round differently, the four operations on doubles do not.
struct Tirage {
    var rng: SplitMix64

    init(_ rng: SplitMix64) { self.rng = rng }

    /// An integer of `r`, uniformly.
    mutating func uniforme(_ r: ClosedRange<Int>) -> Int { Int.random(in: r, using: &rng) }

    /// A double of `r`, uniformly.
    mutating func reel(_ r: ClosedRange<Double>) -> Double { Double.random(in: r, using: &rng) }

    /// True with probability `p`.
    mutating func oui(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }

    /// An index drawn with the given weights (they need not sum to 1).
    mutating func tirage(_ poids: [Double]) -> Int {
        var x = Double.random(in: 0..<1, using: &rng) * poids.reduce(0, +)
        for (i, p) in poids.enumerated() {
            if x < p { return i }
            x -= p
        }
        return poids.count - 1
    }

    /// An index drawn from cumulative integer weights (`cumul[i]` = sum of weights 0...i), by bisection.
    mutating func indice(cumul: [Int]) -> Int {
        let x = Int.random(in: 0..<cumul[cumul.count - 1], using: &rng)
        var (bas, haut) = (0, cumul.count - 1)
        while bas < haut {
            let milieu = (bas + haut) / 2
            if cumul[milieu] > x { haut = milieu } else { bas = milieu + 1 }
        }
        return bas
    }

    /// One element of a non-empty array, uniformly.
    mutating func element<T>(_ a: [T]) -> T { a[Int.random(in: 0..<a.count, using: &rng)] }

    /// Approximately normal (Irwin–Hall: sum of 12 uniforms), truncated to ±6 σ.
    mutating func normale(_ moyenne: Double, _ ecartType: Double) -> Double {
        var s = 0.0
        for _ in 0..<12 { s += Double.random(in: 0..<1, using: &rng) }
        return moyenne + ecartType * (s - 6)
    }

    /// Poisson of mean `demiUnites / 2` (Knuth), the threshold e^-λ built from a literal by multiplication.
    mutating func poisson(demiUnites: Int) -> Int {
        let eMoinsUnDemi = 0.6065306597126334  // e^-0.5
        var seuil = 1.0
        for _ in 0..<demiUnites { seuil *= eMoinsUnDemi }
        var (k, produit) = (0, Double.random(in: 0..<1, using: &rng))
        while produit > seuil {
            k += 1
            produit *= Double.random(in: 0..<1, using: &rng)
        }
        return k
    }

    /// A random (version 4 layout) UUID from the generator.
    mutating func uuid() -> UUID {
        let (a, b) = (rng.next(), rng.next())
        var o = (0..<8).map { UInt8(truncatingIfNeeded: a >> (8 * $0)) } + (0..<8).map { UInt8(truncatingIfNeeded: b >> (8 * $0)) }
        o[6] = (o[6] & 0x0F) | 0x40
        o[8] = (o[8] & 0x3F) | 0x80
        return UUID(uuid: (o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8], o[9], o[10], o[11], o[12], o[13], o[14], o[15]))
    }

    /// A UUIDv7 stamped at `instant`, as a device would create it offline.
    mutating func uuid(a instant: Date) -> UUID { UUID.v7(now: instant, using: &rng) }

    /// 64 lower-case hex digits: a fake, deterministic SHA-256.
    mutating func hex64() -> String {
        let chiffres = Array("0123456789abcdef".utf8)
        var octets: [UInt8] = []
        octets.reserveCapacity(64)
        for _ in 0..<4 {
            let v = rng.next()
            for i in 0..<16 { octets.append(chiffres[Int((v >> (4 * UInt64(i))) & 0xF)]) }
        }
        return String(decoding: octets, as: UTF8.self)
    }
}
