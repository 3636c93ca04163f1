/// Shape of a household (domain.md §12.12: seul .45, couple sans enfant .09, monoparentale .25, couple avec
/// enfants .19, autre .02).
enum Composition: Sendable, Hashable {
    case seul, coupleSansEnfant, monoparentale, coupleAvecEnfants, autre
}

/// The persons of a generated household, before incomes.
struct Menage {
    var composition: Composition
    /// Persons to house, droit-de-visite children included.
    var taille: Int
    var demandeur: Personne
    var coDemandeurs: [CoDemandeur]
    var personnesACharge: [Personne]
    var enfantsDroitDeVisite: [Personne]
    var situationFamiliale: SituationFamiliale
    /// At least one person holds the CMI invalidité (8 %).
    var handicap: Bool
}

extension GenerateurMetropole {
    /// A household: size 1 .45, 2 .21, 3 .14, 4 .11, 5 .05, 6+ .04; composition consistent with the size; the
    /// demandeur's age <25 .10, 25–34 .25, 35–49 .33, 50–64 .20, 65+ .12 overall, younger with children. Adults
    /// are at least 18 + `anciennete` years old.
    func menage(_ t: inout Tirage, anciennete: Int) -> Menage {
        let i = t.tirage([0.45, 0.21, 0.14, 0.11, 0.05, 0.04])
        let taille = i < 5 ? i + 1 : 6 + t.tirage([0.6, 0.3, 0.1])
        // Joint split so that the composition shares hold: size 2 = 9 + 11 + 1 points, 3+ = 14 + 19 + 1 points.
        let composition: Composition = switch taille {
        case 1: .seul
        case 2: [.coupleSansEnfant, .monoparentale, .autre][t.tirage([0.09, 0.11, 0.01])]
        default: [.monoparentale, .coupleAvecEnfants, .autre][t.tirage([0.14, 0.19, 0.01])]
        }
        let nEnfants = taille - (composition == .seul || composition == .monoparentale ? 1 : 2)
        // With children (≈ 45 %) ages lean to 25–49; without, weights chosen so that the overall shares hold.
        let bande = t.tirage(nEnfants > 0 ? [0.07, 0.30, 0.48, 0.15, 0] : [0.1236, 0.2107, 0.2121, 0.2393, 0.2143])
        let age = max(18 + anciennete, t.uniforme([18...24, 25...34, 35...49, 50...64, 65...92][bande]))
        let femme = t.oui(composition == .monoparentale ? 0.85 : 0.52)
        let nationalite = [Nationalite.francaise, .unionEuropeenne, .horsUnionEuropeenne][t.tirage([0.80, 0.06, 0.14])]
        let nom = t.element(NomsSynthetiques.noms)
        var demandeur = personne(age: age, femme: femme, nom: nom, nationalite: nationalite, &t)
        var coDemandeurs: [CoDemandeur] = []
        var nomEnfants = nom
        let situation: SituationFamiliale
        switch composition {
        case .coupleSansEnfant, .coupleAvecEnfants:
            let lien = [LienCoDemandeur.marie, .pacse, .concubin][t.tirage([0.45, 0.15, 0.40])]
            let femmeCo = t.oui(0.96) ? !femme : femme
            let nomCo = t.element(NomsSynthetiques.noms)
            var conjoint = personne(
                age: max(18 + anciennete, age + t.uniforme(-6...6)), femme: femmeCo, nom: nomCo,
                nationalite: t.oui(0.8) ? nationalite : .francaise, &t)
            if lien == .marie, femme != femmeCo, t.oui(0.6) {
                if femme { demandeur.nomUsage = nomCo.uppercased() } else { conjoint.nomUsage = nom.uppercased() }
            }
            // Children mostly carry the father's name (85 %).
            nomEnfants = (femme && !femmeCo) == t.oui(0.85) ? nomCo : nom
            coDemandeurs = [CoDemandeur(personne: conjoint, lien: lien)]
            situation = lien == .marie ? .marie : lien == .pacse ? .pacse : .concubinage
        case .autre:
            let lien: LienCoDemandeur = age >= 40 && t.oui(0.4) ? .descendant : t.oui(0.5) ? .ascendant : .fratrie
            let ageCo = switch lien {
            case .ascendant: min(98, age + t.uniforme(20...35))
            case .descendant: max(18 + anciennete, age - t.uniforme(20...30))
            default: max(18 + anciennete, age + t.uniforme(-8...8))
            }
            let parent = personne(age: ageCo, femme: t.oui(0.55), nom: nom, nationalite: nationalite, &t)
            coDemandeurs = [CoDemandeur(personne: parent, lien: lien)]
            situation = [.celibataire, .divorce, .veuf][t.tirage([0.6, 0.25, 0.15])]
        case .monoparentale:
            situation = [.celibataire, .divorce, .separe][t.tirage([0.4, 0.35, 0.25])]
            if t.oui(0.4) { nomEnfants = t.element(NomsSynthetiques.noms) }
        case .seul:
            situation = [.celibataire, .divorce, .separe, .veuf][t.tirage(age >= 60 ? [0.35, 0.3, 0.05, 0.3] : [0.65, 0.2, 0.12, 0.03])]
        }
        let plusJeune = max(0, min(17, age - 17))
        var enfants = (0..<nEnfants).map { _ in
            let a = age >= 42 && t.oui(0.1) ? t.uniforme(18...23) : t.uniforme(0...plusJeune)
            let n = nationalite == .horsUnionEuropeenne && t.oui(0.5) ? nationalite : .francaise
            return personne(age: a, femme: t.oui(0.49), nom: nomEnfants, nationalite: n, &t)
        }
        // A parent without custody: the children come in droit de visite (rooms only, not à charge).
        var visite: [Personne] = []
        if composition == .monoparentale, t.oui(0.12) { swap(&visite, &enfants) }
        let handicap = t.oui(0.08)
        if handicap {
            switch t.tirage([0.65, coDemandeurs.isEmpty ? 0 : 0.15, enfants.isEmpty ? 0 : 0.2]) {
            case 1: coDemandeurs[0].personne.handicap = true
            case 2: enfants[t.uniforme(0...enfants.count - 1)].handicap = true
            default: demandeur.handicap = true
            }
        }
        return Menage(
            composition: composition, taille: taille, demandeur: demandeur, coDemandeurs: coDemandeurs,
            personnesACharge: enfants, enfantsDroitDeVisite: visite, situationFamiliale: situation, handicap: handicap)
    }

    /// A person of `age` on the generation day; adults (18+) get a civilité and, most of them, a valid NIR.
    func personne(age: Int, femme: Bool, nom: String, nationalite: Nationalite, _ t: inout Tirage) -> Personne {
        let naissance = jour.ajoutant(annees: -age).ajoutant(jours: -t.uniforme(0...364))
        let prenom = t.element(femme ? NomsSynthetiques.prenomsFeminins : NomsSynthetiques.prenomsMasculins)
        let adulte = age >= 18
        return Personne(
            civilite: adulte ? (femme ? .madame : .monsieur) : nil, nomNaissance: nom.uppercased(), prenoms: prenom,
            dateNaissance: naissance, nationalite: nationalite,
            nir: adulte ? nir(femme: femme, naissance: naissance, nationalite: nationalite, &t) : nil)
    }

    /// A NIR with a valid key (97 − body mod 97), or nil (3 % of French adults, 15 % EU, 30 % others: not yet
    /// registered). Born in Isère (a commune of the referential), elsewhere in France, or abroad (99 + country).
    func nir(femme: Bool, naissance: Jour, nationalite: Nationalite, _ t: inout Tirage) -> String? {
        let absent = switch nationalite {
        case .francaise: 0.03
        case .unionEuropeenne: 0.15
        case .horsUnionEuropeenne: 0.30
        }
        if t.oui(absent) { return nil }
        let lieu: String
        if nationalite == .francaise && t.oui(0.9) {
            lieu = t.oui(0.55) ? "38" + String(t.element(communes).insee.suffix(3))
                : deuxChiffres(t.element(Array(1...19) + Array(21...95))) + troisChiffres(t.uniforme(1...600))
        } else {
            // INSEE country codes: Maroc, Algérie, Tunisie, Portugal, Italie, Turquie, Sénégal, Espagne, Roumanie.
            lieu = "99" + t.element(["350", "352", "351", "139", "127", "208", "341", "134", "114"])
        }
        let corps = (femme ? "2" : "1") + deuxChiffres(naissance.annee % 100) + deuxChiffres(naissance.mois) + lieu
            + troisChiffres(t.uniforme(1...999))
        return corps + deuxChiffres(97 - Int(Int64(corps)! % 97))
    }

    func deuxChiffres(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    func troisChiffres(_ n: Int) -> String { n < 10 ? "00\(n)" : n < 100 ? "0\(n)" : "\(n)" }
}
