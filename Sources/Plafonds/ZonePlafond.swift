import Foundation

/// Geographic zone of the ceiling tables (arrêté du 29 juillet 1987, annexes I and II).
public enum ZonePlafond: String, Codable, Sendable, CaseIterable {
    /// Paris and the 29 communes that touch it.
    case parisLimitrophes
    /// Île-de-France outside Paris and its limitrophes.
    case ileDeFrance
    /// Every other commune (all 49 communes of Grenoble-Alpes Métropole).
    case autresRegions

    /// French label used in messages to agents.
    public var libelle: String {
        switch self {
        case .parisLimitrophes: return "Paris et communes limitrophes"
        case .ileDeFrance: return "Île-de-France hors Paris et communes limitrophes"
        case .autresRegions: return "autres régions"
        }
    }

    /// Zone of a commune from its INSEE code (5 characters, e.g. "38185"); a code outside Île-de-France
    /// is "autres régions" without further check, validating the code is the caller's job.
    public static func pour(communeInsee: String) -> ZonePlafond {
        let code = communeInsee.trimmingCharacters(in: .whitespaces).uppercased()
        if code == ZonePlafond.paris || ZonePlafond.arrondissementsParis.contains(code)
            || ZonePlafond.communesLimitrophes.contains(code)
        {
            return .parisLimitrophes
        }
        if ZonePlafond.departementsIleDeFrance.contains(String(code.prefix(2))) {
            return .ileDeFrance
        }
        return .autresRegions
    }

    /// Paris (commune code; its arrondissements 75101–75120 are accepted too).
    static let paris = "75056"

    // PLM arrondissements carry their own INSEE codes in some files; they are Paris.
    static let arrondissementsParis: Set<String> = Set((75101...75120).map(String.init))

    /// The 29 communes limitrophes listed by service-public.fr F869 (2026). openfisca-france omits
    /// 92012 Boulogne-Billancourt and shifts its comments (93006 is Bagnolet, not Boulogne): do not copy it.
    /// Saint-Denis (93066) absorbed Pierrefitte-sur-Seine on 1 January 2025 under the same code.
    static let communesLimitrophes: Set<String> = [
        "93001",  // Aubervilliers
        "93006",  // Bagnolet
        "92012",  // Boulogne-Billancourt
        "94018",  // Charenton-le-Pont
        "92024",  // Clichy
        "94033",  // Fontenay-sous-Bois
        "94037",  // Gentilly
        "92040",  // Issy-les-Moulineaux
        "94041",  // Ivry-sur-Seine
        "94042",  // Joinville-le-Pont
        "94043",  // Le Kremlin-Bicêtre
        "93045",  // Les Lilas
        "93061",  // Le Pré-Saint-Gervais
        "92044",  // Levallois-Perret
        "92046",  // Malakoff
        "93048",  // Montreuil
        "92049",  // Montrouge
        "92051",  // Neuilly-sur-Seine
        "94052",  // Nogent-sur-Marne
        "93055",  // Pantin
        "92062",  // Puteaux
        "92064",  // Saint-Cloud
        "93066",  // Saint-Denis
        "94067",  // Saint-Mandé
        "94069",  // Saint-Maurice
        "93070",  // Saint-Ouen-sur-Seine
        "92073",  // Suresnes
        "92075",  // Vanves
        "94080",  // Vincennes
    ]

    /// Départements of the Île-de-France region.
    static let departementsIleDeFrance: Set<String> = ["75", "77", "78", "91", "92", "93", "94", "95"]
}
