/// The State loan that financed a dwelling; it decides which ceiling table applies (arrêté du 29 juillet 1987).
///
/// The dwelling's financement, not the demande, picks the column: a household may be eligible to a PLS
/// dwelling and not to a PLAI one (docs/DOMAIN.md, « Plafonds de ressources »).
public enum Financement: String, Codable, Sendable, CaseIterable {
    /// Prêt locatif aidé d'intégration, the lowest ceilings (annexe II of the arrêté).
    case plai = "PLAI"
    /// Prêt locatif à usage social, the ordinary social dwelling (annexe I).
    case plus = "PLUS"
    /// Prêt locatif social: PLUS ceilings raised by 30 % (art. 1 of the arrêté).
    case pls = "PLS"

    /// Label as printed in the official tables.
    public var libelle: String { rawValue }
}
