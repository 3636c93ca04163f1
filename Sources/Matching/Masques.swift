import Foundation

/// Sets of small enums packed into an integer, so that the matching filters and the cotation test membership with
/// one AND instead of walking an array (a profile is compared with every offer; see `ProfilDemande`).

/// Typologies sought by a household, one bit per number of main rooms (`chambre` is bit 0, T6 bit 6).
public struct MasqueTypologies: Sendable, Hashable {
    /// The packed bits.
    public let bits: UInt8

    /// The set of `typologies` (order and repetitions ignored).
    public init(_ typologies: [Typologie]) {
        var b: UInt8 = 0
        for t in typologies { b |= MasqueTypologies.bit(t) }
        bits = b
    }

    /// Whether `typologie` is in the set.
    @inline(__always)
    public func contient(_ typologie: Typologie) -> Bool { bits & MasqueTypologies.bit(typologie) != 0 }

    /// The typologies of the set, smallest first.
    public var typologies: [Typologie] { Typologie.allCases.sorted().filter(contient) }

    /// True when no typology is sought.
    public var estVide: Bool { bits == 0 }

    @inline(__always)
    static func bit(_ t: Typologie) -> UInt8 { 1 << UInt8(t.pieces) }
}

/// The motifs of a demande (30 cases of `Motif`), one bit each in `Motif.allCases` order.
public struct MasqueMotifs: Sendable, Hashable {
    /// The packed bits.
    public let bits: UInt64

    /// The set of `motifs`.
    public init(_ motifs: [Motif]) {
        var b: UInt64 = 0
        for m in motifs { b |= MasqueMotifs.bit(m) }
        bits = b
    }

    /// Whether `motif` is in the set.
    public func contient(_ motif: Motif) -> Bool { bits & MasqueMotifs.bit(motif) != 0 }

    static func bit(_ m: Motif) -> UInt64 { 1 << UInt64(Motif.allCases.firstIndex(of: m)!) }
}

/// A set of L441-1 priorities (13 cases of `PrioriteL4411`), one bit each in `PrioriteL4411.allCases` order.
public struct MasquePriorites: Sendable, Hashable {
    /// The packed bits.
    public let bits: UInt32

    /// The set of `priorites`.
    public init(_ priorites: [PrioriteL4411]) {
        var b: UInt32 = 0
        for p in priorites { b |= MasquePriorites.bit(p) }
        bits = b
    }

    /// Whether `priorite` is in the set.
    public func contient(_ priorite: PrioriteL4411) -> Bool { bits & MasquePriorites.bit(priorite) != 0 }

    /// The priorities of the set, in `PrioriteL4411.allCases` order.
    public var priorites: [PrioriteL4411] { PrioriteL4411.allCases.filter(contient) }

    static func bit(_ p: PrioriteL4411) -> UInt32 { 1 << UInt32(PrioriteL4411.allCases.firstIndex(of: p)!) }
}
