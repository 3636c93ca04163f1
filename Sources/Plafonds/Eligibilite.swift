/// Whether a household's income is within the ceiling of a dwelling's financement, with the figures compared.
public enum Eligibilite: Sendable, Hashable, Codable {
    /// Income at or below the ceiling (the ceiling itself is allowed).
    case eligible(revenu: Int, plafond: Int)
    /// Income above the ceiling, with a French reason naming both amounts.
    case nonEligible(revenu: Int, plafond: Int, motif: String)
    /// Cannot be decided (missing RFR, RFR of the wrong year, no ceiling loaded for the year).
    case indeterminee(motif: String)

    /// True only for `.eligible`.
    public var estEligible: Bool {
        if case .eligible = self { return true }
        return false
    }

    /// Checks the household against the ceiling of `financement` in `zone` for `annee`.
    ///
    /// « Ressources … n'excèdent pas » the ceiling (CCH R441-1 1°): equal is eligible, one euro more is not.
    /// Never throws: a ceiling year that is not loaded gives `.indeterminee` with the reason.
    public static func verifier(
        revenus: RevenusFiscaux, categorie: CategorieMenage, zone: ZonePlafond, financement: Financement, annee: Int,
        table: TablePlafonds
    ) -> Eligibilite {
        let retenu: RevenuRetenu
        switch revenus.revenuRetenu(pourAnnee: annee) {
        case let .indetermine(motif): return .indeterminee(motif: motif)
        case let .retenu(r): retenu = r
        }
        let plafond: Int
        do {
            plafond = try table.plafond(annee: annee, financement: financement, zone: zone, categorie: categorie)
        } catch {
            return .indeterminee(motif: "\(error)")
        }
        if retenu.montant <= plafond { return .eligible(revenu: retenu.montant, plafond: plafond) }
        let accord = retenu.pluriel ? "supérieurs" : "supérieur"
        let libellePlafond = "plafond \(financement.libelle) \(annee) \(categorie.libelle) zone \(zone.libelle)"
        return .nonEligible(
            revenu: retenu.montant, plafond: plafond,
            motif: "\(retenu.libelle) (\(retenu.montant.enEuros)) \(accord) au \(libellePlafond) (\(plafond.enEuros))")
    }
}
