import Foundation

/// One household's ceilings for one year: the nine cells (3 financements × 3 zones) of its catégorie, looked up
/// once when the profile is built, so that the `plafond` filter is a single integer comparison per offer.
public struct PlafondsMenage: Sendable, Hashable {
    /// Year of the ceilings.
    public let annee: Int
    /// Cells in `Financement.allCases` × `ZonePlafond.allCases` order (a plain value, no array to reference-count).
    let montants: SIMD16<Int32>

    /// The ceilings of `categorie` in `annee`; nil when `table` has no such year or the catégorie is out of range.
    public init?(table: TablePlafonds, annee: Int, categorie: CategorieMenage) {
        var montants = SIMD16<Int32>(repeating: 0)
        for financement in Financement.allCases {
            for zone in ZonePlafond.allCases {
                guard let m = try? table.plafond(annee: annee, financement: financement, zone: zone, categorie: categorie),
                    let m32 = Int32(exactly: m)
                else { return nil }
                montants[financement.indice * 3 + zone.indice] = m32
            }
        }
        self.annee = annee
        self.montants = montants
    }

    /// The annual ceiling (whole euros) of `financement` in `zone`.
    @inline(__always)
    public func plafond(_ financement: Financement, _ zone: ZonePlafond) -> Int {
        Int(montants[financement.indice * 3 + zone.indice])
    }
}

extension Financement {
    /// Position in `allCases`, without searching.
    var indice: Int {
        switch self {
        case .plai: 0
        case .plus: 1
        case .pls: 2
        }
    }
}

extension ZonePlafond {
    /// Position in `allCases`, without searching.
    var indice: Int {
        switch self {
        case .parisLimitrophes: 0
        case .ileDeFrance: 1
        case .autresRegions: 2
        }
    }
}
