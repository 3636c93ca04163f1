/// Fiscal incomes declared for the household (CERFA 14069 page 7), whole euros summed over the persons.
public struct RevenusFiscaux: Sendable, Hashable, Codable {
    /// Year of the revenu fiscal de référence (must be the year of the ceilings minus 2).
    public var anneeN2: Int?
    /// Revenu fiscal de référence of year N-2, summed over every person to house.
    public var rfrN2: Int?
    /// Year of the more recent incomes; nil means the last twelve months.
    public var anneeN1: Int?
    /// Revenus imposables of year N-1 or of the last twelve months.
    public var revenuN1: Int?
    /// The household asks, with proof, that the N-1 / twelve-month incomes be used.
    public var n1Demande: Bool

    /// Creates the declared incomes.
    public init(anneeN2: Int? = nil, rfrN2: Int? = nil, anneeN1: Int? = nil, revenuN1: Int? = nil, n1Demande: Bool = false) {
        self.anneeN2 = anneeN2
        self.rfrN2 = rfrN2
        self.anneeN1 = anneeN1
        self.revenuN1 = revenuN1
        self.n1Demande = n1Demande
    }

    /// The income compared with the ceilings of `annee` (arrêté du 29 juillet 1987 art. 4).
    ///
    /// N-2 is the rule. N-1 (or the last twelve months) replaces it only at the household's request and
    /// when « inférieurs d'au moins 10 % », i.e. N-1 ≤ 0.9 × N-2, bound included (27 000 against 30 000
    /// qualifies; openfisca's strict `<` is wrong on that point).
    public func revenuRetenu(pourAnnee annee: Int) -> DeterminationRevenu {
        let attendue = annee - 2
        guard let rfr = rfrN2 else {
            return .indetermine(
                motif: "Revenu fiscal de référence \(attendue) non renseigné : l'éligibilité aux plafonds \(annee) ne peut pas être vérifiée")
        }
        guard rfr >= 0 else {
            return .indetermine(motif: "Revenu fiscal de référence négatif (\(rfr.enEuros)) : montant à corriger")
        }
        guard let anneeRfr = anneeN2 else {
            return .indetermine(
                motif: "Année du revenu fiscal de référence non renseignée : le RFR \(attendue) est attendu pour les plafonds \(annee)")
        }
        guard anneeRfr == attendue else {
            return .indetermine(
                motif: "Revenu fiscal de référence \(anneeRfr) fourni : les plafonds \(annee) s'apprécient sur le RFR \(attendue) (avis d'imposition \(attendue + 1))")
        }
        let libelleN2 = "RFR \(attendue) (\(rfr.enEuros))"
        func n2(_ motif: String) -> DeterminationRevenu {
            .retenu(RevenuRetenu(montant: rfr, origine: .rfrN2, annee: attendue, motif: motif))
        }
        guard n1Demande else { return n2("\(libelleN2) retenu") }
        let periode = anneeN1.map { "Revenus \($0)" } ?? "Revenus des douze derniers mois"
        guard let recent = revenuN1, recent >= 0 else {
            return n2("\(periode) demandés mais non renseignés : \(libelleN2) retenu")
        }
        if let a1 = anneeN1, a1 != annee - 1 {
            return n2("Revenus \(a1) fournis alors que l'année \(annee - 1) est attendue : \(libelleN2) retenu")
        }
        // Integers: 10 × N-1 ≤ 9 × N-2 is the exact « au moins 10 % » test, no floating rounding.
        if recent * 10 <= rfr * 9 {
            return .retenu(
                RevenuRetenu(
                    montant: recent, origine: .revenusN1, annee: anneeN1,
                    motif: "\(periode) (\(recent.enEuros)) retenus à la demande du ménage : inférieurs d'au moins 10 % au \(libelleN2)"))
        }
        return n2("\(periode) (\(recent.enEuros)) non retenus, pas inférieurs d'au moins 10 % au \(libelleN2), qui est retenu")
    }
}

/// The income kept for the comparison with a ceiling, and why.
public struct RevenuRetenu: Sendable, Hashable, Codable {
    /// Which declared income was kept.
    public enum Origine: String, Sendable, Hashable, Codable {
        /// Revenu fiscal de référence of year N-2 (the rule).
        case rfrN2
        /// Revenus of year N-1 or of the last twelve months (on request, at least 10 % lower).
        case revenusN1
    }

    /// Amount in whole euros.
    public let montant: Int
    /// Which income it is.
    public let origine: Origine
    /// Year of that income; nil for the last twelve months.
    public let annee: Int?
    /// French explanation of the choice.
    public let motif: String

    /// « Revenu fiscal de référence 2024 », « Revenus 2025 » or « Revenus des douze derniers mois ».
    public var libelle: String {
        switch (origine, annee) {
        case (.rfrN2, let a?): return "Revenu fiscal de référence \(a)"
        case (.rfrN2, nil): return "Revenu fiscal de référence"
        case (.revenusN1, let a?): return "Revenus \(a)"
        case (.revenusN1, nil): return "Revenus des douze derniers mois"
        }
    }

    /// True when the label is plural (« Revenus … »), for agreement in messages.
    var pluriel: Bool { origine == .revenusN1 }
}

/// Outcome of choosing the income: kept, or impossible to decide with a French reason.
public enum DeterminationRevenu: Sendable, Hashable, Codable {
    /// An income could be kept.
    case retenu(RevenuRetenu)
    /// Missing or inconsistent data; the reason tells the agent what to ask for.
    case indetermine(motif: String)
}
