import Foundation

/// How many persons a bailleur houses in each typology: the `occupation` filter.
///
/// There is **no national rule** (domain.md §8: each bailleur or CIL sets its « règles d'occupation »); the
/// bounds are configurable per bailleur. `exemple` is an illustration, not a legal table.
public struct ReglesOccupation: Sendable, Hashable {
    /// Inclusive bounds of persons to house per typology; a typology without bounds accepts any household size.
    public let bornes: [Typologie: ClosedRange<Int>]

    /// Creates rules from bounds per typology.
    public init(bornes: [Typologie: ClosedRange<Int>]) {
        self.bornes = bornes
    }

    /// Bounds of `typologie`, nil when the rules set none.
    public func bornes(pour typologie: Typologie) -> ClosedRange<Int>? { bornes[typologie] }

    /// EXAMPLE bounds (UNCONFIRMED, docs/DOMAIN.md « Rapprochement et cotation »): chambre 1, T1 1–2, T2 1–3,
    /// T3 2–5, T4 3–6, T5 4–8, T6 5–10. Roughly one bedroom per two persons, with one person of slack each way
    /// so that a bailleur's own rules are usually stricter, never looser.
    public static let exemple = ReglesOccupation(bornes: [
        .chambre: 1...1, .t1: 1...2, .t2: 1...3, .t3: 2...5, .t4: 3...6, .t5: 4...8, .t6: 5...10,
    ])
}
