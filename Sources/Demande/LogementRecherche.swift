import Foundation

/// The dwelling sought, CERFA page 9.
public struct LogementRecherche: Sendable, Hashable, Codable {
    /// Typologies accepted (T1 = one main room …).
    public var typologies: [Typologie]
    /// Number of persons to house (G2, mandatory).
    public var nombrePersonnes: Int
    /// INSEE codes of the communes wished, by order of preference (G3).
    public var communes: [String]
    /// Mandatory yes/no: accepts communes near those wished.
    public var elargissementAccepte: Bool
    /// Maximum monthly rent + charges the household states.
    public var loyerMaximum: Euros?
    public var accessibilite: BesoinAccessibilite
    public var ascenseurRequis: Bool
    public var etageMaximum: Int?

    public init(
        typologies: [Typologie], nombrePersonnes: Int, communes: [String], elargissementAccepte: Bool,
        loyerMaximum: Euros? = nil, accessibilite: BesoinAccessibilite = .aucun, ascenseurRequis: Bool = false,
        etageMaximum: Int? = nil
    ) {
        self.typologies = typologies
        self.nombrePersonnes = nombrePersonnes
        self.communes = communes
        self.elargissementAccepte = elargissementAccepte
        self.loyerMaximum = loyerMaximum
        self.accessibilite = accessibilite
        self.ascenseurRequis = ascenseurRequis
        self.etageMaximum = etageMaximum
    }
}

/// Typology by number of main rooms; `chambre` is a room in colocation (G1).
public enum Typologie: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case chambre = "CH", t1 = "T1", t2 = "T2", t3 = "T3", t4 = "T4", t5 = "T5", t6 = "T6"

    /// Number of main rooms (0 for a room in colocation).
    public var pieces: Int {
        switch self {
        case .chambre: 0
        case .t1: 1
        case .t2: 2
        case .t3: 3
        case .t4: 4
        case .t5: 5
        case .t6: 6
        }
    }

    public static func < (a: Typologie, b: Typologie) -> Bool { a.pieces < b.pieces }
}

/// Accessibility need of the household (PMR), matched against the offer's accessibility.
public enum BesoinAccessibilite: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// No particular need.
    case aucun
    /// Needs an accessible dwelling (no steps, lift or ground floor).
    case accessible
    /// Needs a dwelling adapted to a wheelchair.
    case adapte

    var rang: Int {
        switch self {
        case .aucun: 0
        case .accessible: 1
        case .adapte: 2
        }
    }

    public static func < (a: BesoinAccessibilite, b: BesoinAccessibilite) -> Bool { a.rang < b.rang }
}
