/// Incomes: the RFR placed against the household's own ceilings, monthly resources and jobs consistent with it.
extension GenerateurMetropole {
    /// RFR N-2 of the household: under PLAI .72, PLAI–PLUS .22, over PLUS .06 (§12.4, §12.12), missing .15; 4 % ask
    /// for their N-1 incomes (at least 10 % lower: the retained income stays in the band). Then monthly resources.
    func ressources(_ d: inout Demande, _ t: inout Tirage) {
        let categorie = d.categorieMenage(au: jour)
        let (plai, plus) = plafonds(categorie)
        let retenu = switch t.tirage([0.72, 0.22, 0.06]) {
        case 0: t.oui(0.12) ? 0 : Int(Double(plai) * t.reel(0.08...1.0))
        case 1: t.uniforme(plai + 1...plus)
        default: t.uniforme(plus + 1...plus * 8 / 5)
        }
        let n2 = jour.annee - 2
        if t.oui(0.15) {
            d.ressources.revenusFiscaux = RevenusFiscaux()
        } else if retenu > 0, t.oui(0.04) {
            d.ressources.revenusFiscaux = RevenusFiscaux(
                anneeN2: n2, rfrN2: retenu * 6 / 5 + t.uniforme(0...2_000), anneeN1: n2 + 1, revenuN1: retenu, n1Demande: true)
        } else {
            d.ressources.revenusFiscaux = RevenusFiscaux(anneeN2: n2, rfrN2: retenu)
        }
        d.ressources.separationEnCours = d.situationFamiliale == .separe && t.oui(0.3)
        // Net monthly ≈ RFR / 12 / 0.9 (the 10 % deduction), ± 15 % since N-2.
        let mensuel = Int(Double(retenu) / 10.8 * t.reel(0.85...1.15))
        let partDemandeur = d.coDemandeurs.first?.lien.estCouple == true ? t.reel(0.4...1.0) : 1.0
        let aCharge = d.personnesACharge.count
        activite(&d.demandeur, mensuel: Int(Double(mensuel) * partDemandeur), aCharge: aCharge, &t)
        for i in d.coDemandeurs.indices {
            let part = d.coDemandeurs[i].lien.estCouple ? Int(Double(mensuel) * (1 - partDemandeur)) : t.uniforme(0...1_400)
            activite(&d.coDemandeurs[i].personne, mensuel: part, aCharge: 0, &t)
        }
        if d.situationFamiliale == .divorce || d.situationFamiliale == .separe, !d.enfantsDroitDeVisite.isEmpty, t.oui(0.5) {
            d.ressources.pensionsAlimentairesVersees = Euros(t.uniforme(15...40) * 10)
        }
    }

    /// PLAI and PLUS ceilings of the catégorie, zone « autres régions » (all 49 communes); without tables, rough
    /// *est.* figures of the same order.
    func plafonds(_ categorie: CategorieMenage) -> (plai: Int, plus: Int) {
        if let table, let plai = try? table.plafond(annee: anneePlafonds, financement: .plai, zone: .autresRegions, categorie: categorie),
            let plus = try? table.plafond(annee: anneePlafonds, financement: .plus, zone: .autresRegions, categorie: categorie)
        {
            return (plai, plus)
        }
        let n = categorie.categorie + categorie.personnesSupplementaires
        return (13_000 + 5_500 * (n - 1), 23_000 + 7_500 * (n - 1))
    }

    /// The job and monthly lines of an adult earning `mensuel` net euros of taxable income.
    func activite(_ p: inout Personne, mensuel: Int, aCharge: Int, _ t: inout Tirage) {
        let age = p.dateNaissance.ageRevolu(au: jour)
        var lignes: [RevenuMensuel] = []
        func ligne(_ type: TypeRevenu, _ euros: Int) { if euros > 0 { lignes.append(RevenuMensuel(type: type, montant: Euros(euros))) } }
        if age >= 62 {
            p.situationProfessionnelle = .retraite
            ligne(.retraite, max(mensuel, t.uniforme(700...1_000)))
        } else if mensuel < 350 {
            // No taxable income: minima sociaux (not in the RFR).
            p.situationProfessionnelle = age < 25 && t.oui(0.4) ? .etudiantApprenti : [.chomage, .autre][t.tirage([0.6, 0.4])]
            if p.handicap { ligne(.aah, 1_033) } else if p.situationProfessionnelle == .etudiantApprenti { ligne(.bourse, t.uniforme(150...600)) } else if age >= 25 || aCharge > 0 { ligne(.rsa, 640 + 280 * min(aCharge, 3)) }
        } else if mensuel < 900, t.oui(0.35) {
            p.situationProfessionnelle = .chomage
            ligne(.indemnitesChomage, mensuel)
        } else {
            p.situationProfessionnelle = [.salariePrive, .agentCollectivite, .agentEtat, .agentHospitalier, .independant,
                                          .assistantFamilialMaternel][t.tirage([0.70, 0.08, 0.05, 0.08, 0.06, 0.03])]
            ligne(p.situationProfessionnelle == .independant ? .autre : .salaire, mensuel)
            if mensuel < 1_500 { ligne(.primeActivite, t.uniforme(60...250)) }
        }
        if aCharge >= 2 { ligne(.allocationsFamiliales, 150 * (aCharge - 1)) }
        p.revenusMensuels = lignes
    }
}
