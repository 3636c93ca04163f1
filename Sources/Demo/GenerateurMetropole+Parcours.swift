/// The planned life of a demande: its dépôt, its enregistrement, then the transitions that follow.
struct Parcours {
    var depot: Jour
    var enregistrement: Jour
    /// Transitions after `enregistrer` (renewals, radiation and reactivation, attribution or radiation).
    var suite: [TransitionDemande]
    /// Last day of the demande's life in the data: attribution or radiation day, else the generation day.
    var fin: Jour
}

// Lifecycles (domain.md §12.2, §12.6): the stock follows the pending ancienneté of §12.12; radiated and attributed
// demandes are those of the last year (their data are kept one year after radiation, R441-2-8).
extension GenerateurMetropole {
    /// Months of ancienneté of the pending stock: <1 yr .46, 1–2 .22, 2–3 .12, 3–5 .12, 5–6 .08 (§12.12).
    func anciennete(_ t: inout Tirage) -> Int {
        [t.uniforme(0...11), t.uniforme(12...23), t.uniforme(24...35), t.uniforme(36...59), t.uniforme(60...71)][
            t.tirage([0.46, 0.22, 0.12, 0.12, 0.08])]
    }

    /// A lifecycle: active .78, attribuée .10, radiée for non-renouvellement .085, renonciation .02, non-réponse .01,
    /// irrecevabilité .005 (*est.* from the §12.12 flows over a stock kept one year after radiation).
    mutating func parcours(_ t: inout Tirage, auGuichet: Bool) -> Parcours {
        let destin = t.tirage([0.78, 0.10, 0.085, 0.02, 0.01, 0.005])
        if destin == 2, let p = nonRenouvellement(&t, auGuichet: auGuichet) { return p }
        if destin == 0 || destin == 2 {
            let depot = jour.ajoutant(mois: -anciennete(&t)).ajoutant(jours: -t.uniforme(0...27))
            return chaine(depot: ouvrable(depot, auGuichet), fin: jour, evenement: nil, auGuichet: auGuichet, &t)
        }
        let fin = jour.ajoutant(jours: -t.uniforme(0...364))
        // Attributions after a wait of mean ≈ 22 months (§12.6: 520 days in France, 18–21 months in the GAM).
        let attente = destin == 1
            ? [t.uniforme(1...11), t.uniforme(12...23), t.uniforme(24...35), t.uniforme(36...59), t.uniforme(60...71)][
                t.tirage([0.30, 0.28, 0.18, 0.16, 0.08])]
            : anciennete(&t)
        let depot = ouvrable(min(fin.ajoutant(mois: -attente).ajoutant(jours: -t.uniforme(0...27)), fin.ajoutant(jours: -40)), auGuichet)
        let evenement: TransitionDemande
        switch destin {
        case 1: evenement = .attribuer(le: fin)
        case 3: evenement = .radier(Radiation(motif: .renonciation, le: fin))
        case 4: evenement = .radier(Radiation(motif: .nonReponse, le: fin))
        default:
            let sousMotif: SousMotifIrrecevabilite = t.oui(0.7) ? .depassementPlafonds : .irregulariteSejour
            evenement = .radier(Radiation(motif: .irrecevabilite, sousMotif: sousMotif, le: fin))
        }
        return chaine(depot: depot, fin: fin, evenement: evenement, auGuichet: auGuichet, &t)
    }

    /// Renewals every year between the 10th and 13th month until `fin`, 3 % of them late (radiated for
    /// non-renouvellement then reactivated within t + 18 months), then `evenement` on `fin`.
    mutating func chaine(depot: Jour, fin: Jour, evenement: TransitionDemande?, auGuichet: Bool, _ t: inout Tirage) -> Parcours {
        let enregistrement = self.enregistrement(depot: depot, fin: fin, auGuichet: auGuichet, &t)
        var suite: [TransitionDemande] = []
        var ancrage = depot
        while true {
            // Renewal opens at the 10th month (t + 9) and must come before t + 13; most renew on the préavis.
            let renouvellement = ancrage.ajoutant(mois: 9).ajoutant(jours: (t.uniforme(0...110) + t.uniforme(0...110)) / 2)
            if renouvellement > fin || (evenement != nil && renouvellement >= fin) { break }
            let radiation = ancrage.ajoutant(mois: 13)
            let reprise = radiation.ajoutant(jours: t.uniforme(1...140))
            if t.oui(0.03), reprise < fin, reprise <= ancrage.ajoutant(mois: 18) {
                suite += [.radier(Radiation(motif: .nonRenouvellement, le: radiation)), .reactiver(le: reprise)]
                ancrage = reprise
            } else {
                suite.append(.renouveler(le: renouvellement))
                ancrage = renouvellement
            }
        }
        if let evenement { suite.append(evenement) }
        return Parcours(depot: depot, enregistrement: enregistrement, suite: suite, fin: fin)
    }

    /// A demande not renewed after k renewals (k = 0 for 55 %), radiated at t + 13 months within the last year.
    mutating func nonRenouvellement(_ t: inout Tirage, auGuichet: Bool) -> Parcours? {
        let cible = jour.ajoutant(jours: -t.uniforme(3...364))
        let ecarts = (0..<t.tirage([0.55, 0.25, 0.12, 0.05, 0.03])).map { _ in (t.uniforme(0...110) + t.uniforme(0...110)) / 2 }
        func ancres(_ depot: Jour) -> [Jour] {
            ecarts.reduce([depot]) { $0 + [$0.last!.ajoutant(mois: 9).ajoutant(jours: $1)] }
        }
        var depot = cible.ajoutant(mois: -13 - 9 * ecarts.count).ajoutant(jours: -ecarts.reduce(0, +))
        for _ in 0..<3 {
            let ecart = ancres(depot).last!.ajoutant(mois: 13).jours(jusqua: cible)
            if ecart == 0 { break }
            depot = depot.ajoutant(jours: ecart)
        }
        depot = ouvrable(depot, auGuichet)
        let dates = ancres(depot)
        let radiation = dates.last!.ajoutant(mois: 13)
        guard radiation <= jour else { return nil }
        let enregistrement = self.enregistrement(depot: depot, fin: radiation, auGuichet: auGuichet, &t)
        let suite = dates.dropFirst().map { TransitionDemande.renouveler(le: $0) }
            + [.radier(Radiation(motif: .nonRenouvellement, le: radiation))]
        return Parcours(depot: depot, enregistrement: enregistrement, suite: suite, fin: radiation)
    }

    /// Registration after the dépôt: same day to a week at a desk, up to 30 days for an online demande to validate.
    mutating func enregistrement(depot: Jour, fin: Jour, auGuichet: Bool, _ t: inout Tirage) -> Jour {
        let delai = [0, t.uniforme(1...7), t.uniforme(8...30)][t.tirage(auGuichet ? [0.6, 0.3, 0.1] : [0.15, 0.45, 0.40])]
        let jourVise = min(depot.ajoutant(jours: delai), fin)
        return calendrier.ouvre(jourVise, entre: depot, et: fin) ?? jourVise
    }

    /// At a desk, the dépôt is a working day (the closest one before); online, any day.
    mutating func ouvrable(_ depot: Jour, _ auGuichet: Bool) -> Jour {
        guard auGuichet else { return depot }
        return calendrier.ouvre(depot, entre: depot.ajoutant(jours: -10), et: depot) ?? depot
    }
}
