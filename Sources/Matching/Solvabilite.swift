import Foundation

/// The figures of the `loyer` filter for one household in one offered dwelling, all in centimes (exact).
///
/// Taux d'effort per the arrêté du 10 mars 2011 (R441-3-1): (loyer + charges − aide au logement) ÷ resources of
/// every person who will live in the dwelling. Reste à vivre: (resources − that housing cost) ÷ persons ÷ days.
/// Pensions alimentaires paid are not deducted (decision, docs/DOMAIN.md « Rapprochement et cotation »).
struct Solvabilite {
    /// Estimated APL.
    let apl: Euros
    /// Rent + charges − APL, never below zero.
    let resteACharge: Euros
    /// Monthly resources of the household.
    let ressources: Euros
    /// Persons to house (at least 1).
    let personnes: Int

    @inline(__always)
    init(_ n: NoyauProfil, _ c: ContexteOffre) {
        let apl = c.parametres.solvabilite.apl.estimer(
            loyer: c.offre.loyer, charges: c.offre.charges, personnes: n.personnes, ressourcesMensuelles: n.ressourcesMensuelles)
        self.apl = apl
        resteACharge = max(c.quittance - apl, .zero)
        ressources = n.ressourcesMensuelles
        personnes = max(1, n.personnes)
    }

    /// Housing cost at most the household's stated maximum (no maximum: passes).
    @inline(__always)
    func respecteLoyerMaximum(_ maximum: Euros?) -> Bool {
        guard let maximum else { return true }
        return resteACharge <= maximum
    }

    /// Taux d'effort at most `pourcent`; zero resources never pass (the ratio is undefined).
    @inline(__always)
    func respecteTauxEffort(_ pourcent: Int) -> Bool {
        ressources.centimes > 0 && resteACharge.centimes * 100 <= pourcent * ressources.centimes
    }

    /// Reste à vivre per person and per day at least `minimum`.
    @inline(__always)
    func respecteResteAVivre(_ minimum: Euros, joursParMois: Int) -> Bool {
        ressources.centimes - resteACharge.centimes >= minimum.centimes * personnes * joursParMois
    }

    /// Taux d'effort in hundredths of a percent, rounded up (so that a refused ratio never displays as the bound).
    var tauxEffortCentiemes: Int? {
        guard ressources.centimes > 0 else { return nil }
        let n = resteACharge.centimes * 10_000
        return (n + ressources.centimes - 1) / ressources.centimes
    }

    /// Reste à vivre per person and per day, rounded down to the centime.
    func resteAVivreParJour(joursParMois: Int) -> Euros {
        let total = ressources.centimes - resteACharge.centimes
        let diviseur = personnes * joursParMois
        // Floor division, also for a negative reste.
        let q = total >= 0 ? total / diviseur : -((-total + diviseur - 1) / diviseur)
        return Euros(centimes: q)
    }
}
