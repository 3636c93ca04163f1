import Foundation

/// A demande drawn but not yet numbered: the brouillon, its planned life, and where it is registered.
struct Esquisse {
    var brouillon: Demande
    var parcours: Parcours
    var guichetCode: String
    /// Filed online (validated by `PHS01` or `GAM01`), not at a desk.
    var enLigne: Bool
}

extension GenerateurMetropole {
    /// Points registering desk demandes, with their weights.
    static let enregistreurs = ReseauSynthetique.points.filter { $0.poidsEnregistrement > 0 }

    /// Demande `index`, from its own sub-stream: online 45 % of the stock (§12.9: half of the new ones, fewer of the
    /// old), household, lifecycle, housing, motifs, priorities (DALO 3 %), wishes, address, incomes.
    mutating func esquisse(index: Int) -> Esquisse {
        var t = Tirage(SplitMix64.flux(Self.fluxDemandes, index: UInt64(index), graine: graine))
        let enLigne = t.oui(0.45)
        let guichetCode = enLigne
            ? ReseauSynthetique.validationEnLigne[t.tirage(ReseauSynthetique.validationEnLigne.map(\.part))].code
            : Self.enregistreurs[t.tirage(Self.enregistreurs.map(\.poidsEnregistrement))].guichet.code
        let parcours = self.parcours(&t, auGuichet: !enLigne)
        // Whole years since the dépôt, plus one: adults were at least 18 on the dépôt day.
        let menage = self.menage(&t, anciennete: parcours.depot.ageRevolu(au: jour) + 1)
        let age = menage.demandeur.dateNaissance.ageRevolu(au: jour)
        let logement = logementActuel(menage, age: age, &t)
        let motifs = self.motifs(menage, logement, age: age, &t)
        let priorites = self.priorites(motifs, logement, menage, p: parcours, &t)
        let residence = self.residence(guichetCode, enLigne: enLigne, &t)
        let pmr = t.oui(menage.handicap ? 0.32 : 0.005)
        let creation = calendrier.minuit(parcours.depot).addingTimeInterval(TimeInterval(t.uniforme(8 * 3600...19 * 3600)))
        var d = Demande(
            id: t.uuid(a: creation), demandeur: menage.demandeur, coordonnees: coordonnees(menage, logement, residence, &t),
            situationFamiliale: menage.situationFamiliale, coDemandeurs: menage.coDemandeurs,
            personnesACharge: menage.personnesACharge, enfantsDroitDeVisite: menage.enfantsDroitDeVisite,
            enfantsANaitre: menage.composition != .seul && age < 45 && t.oui(0.03) ? 1 : 0,
            ressources: Ressources(revenusFiscaux: RevenusFiscaux()), logementActuel: logement, motifs: motifs,
            logementRecherche: logementRecherche(menage, residence, pmr: pmr, age: age, &t), priorites: priorites,
            dalo: !priorites.isEmpty && t.oui(0.15))
        ressources(&d, &t)
        if t.oui(0.5) {
            let mensuel = d.personnesALoger.reduce(Euros.zero) { $0 + $1.1.totalRevenusMensuels }
            d.logementRecherche.loyerMaximum = Euros(max(250, mensuel.eurosArrondis * 35 / 1_000 * 10))
        }
        return Esquisse(brouillon: d.normalisee(), parcours: parcours, guichetCode: guichetCode, enLigne: enLigne)
    }

    /// Where the household lives: mostly the commune of its desk, else weighted by population.
    func residence(_ code: String, enLigne: Bool, _ t: inout Tirage) -> Commune {
        if !enLigne, let point = Self.point(code), point.guichet.type == .communal || point.guichet.type == .permanenceMobile,
            t.oui(0.75), let commune = communes.first(where: { $0.insee == point.guichet.communeInsee })
        {
            return commune
        }
        return communeParPopulation(&t)
    }

    /// Typology sought (T1 .14, T2 .33, T3 .30, T4 .17, T5+ .06, §12.12) consistent with the size, 50 % also accept
    /// the next one; 1–5 communes, the residence first for 55 %, others by population; PMR needs (3 %).
    func logementRecherche(_ m: Menage, _ residence: Commune, pmr: Bool, age: Int, _ t: inout Tirage) -> LogementRecherche {
        // Joint table size × typology whose margins are §12.12's (points of the whole population).
        let ligne: [Double] = switch min(m.taille, 6) {
        case 1: [0.14, 0.26, 0.05, 0, 0]
        case 2: [0, 0.07, 0.13, 0.01, 0]
        case 3: [0, 0, 0.10, 0.04, 0]
        case 4: [0, 0, 0.02, 0.08, 0.01]
        case 5: [0, 0, 0, 0.03, 0.02]
        default: [0, 0, 0, 0.01, 0.03]
        }
        var typologie = [Typologie.t1, .t2, .t3, .t4, .t5][t.tirage(ligne)]
        if typologie == .t5, m.taille >= 7, t.oui(0.5) { typologie = .t6 }
        var typologies = [typologie]
        if t.oui(0.5) {
            let voisine = typologie == .t1 || (typologie != .t6 && t.oui(0.6)) ? typologie.pieces + 1 : typologie.pieces - 1
            typologies.append([Typologie.t1, .t2, .t3, .t4, .t5, .t6][voisine - 1])
        }
        var communes = [t.oui(0.55) ? residence.insee : communeParPopulation(&t).insee]
        for _ in 0..<[0, 1, 2, 3, 4][t.tirage([0.25, 0.3, 0.25, 0.12, 0.08])] {
            let c = communeParPopulation(&t).insee
            if !communes.contains(c) { communes.append(c) }
        }
        let besoin: BesoinAccessibilite = pmr ? (t.oui(0.6) ? .accessible : .adapte) : .aucun
        return LogementRecherche(
            typologies: typologies, nombrePersonnes: m.taille, communes: communes, elargissementAccepte: t.oui(0.55),
            accessibilite: besoin, ascenseurRequis: pmr || (age >= 70 && t.oui(0.3)), etageMaximum: t.oui(0.05) ? t.uniforme(0...3) : nil)
    }

    /// Address in the residence commune (a domiciliation for the homeless), host, phone (90 %), e-mail (60 %, on
    /// reserved example domains).
    func coordonnees(_ m: Menage, _ l: LogementActuel, _ c: Commune, _ t: inout Tirage) -> Coordonnees {
        let voie = "\(t.uniforme(1...120)) \(t.element(NomsSynthetiques.voies))"
        var adresse = voie
        var heberge: String?
        switch l.situation {
        case .sansAbri, .habitatMobile: adresse = "Domiciliation CCAS, " + voie
        case .structureHebergement, .logementFoyer, .hotel, .logementTemporaire, .residenceEtudiante:
            let structure = l.situation == .hotel ? "Hôtel" : l.situation == .residenceEtudiante ? "Résidence étudiante"
                : t.element(["Centre d'hébergement", "Résidence sociale", "Foyer de jeunes travailleurs"])
            adresse = "\(structure), \(voie)"
            heberge = structure
        case .hebergeParents: heberge = "\(t.element(NomsSynthetiques.prenomsFeminins)) \(m.demandeur.nomNaissance)"
        case .hebergeTiers: heberge = "\(t.element(NomsSynthetiques.prenomsMasculins)) \(t.element(NomsSynthetiques.noms).uppercased())"
        default: if t.oui(0.4) { adresse = "Appartement \(t.uniforme(1...80)), " + voie }
        }
        let paires = (0..<4).map { _ in deuxChiffres(t.uniforme(0...99)) }.joined(separator: " ")
        let telephone = t.oui(0.9) ? (t.oui(0.85) ? "0\(t.oui(0.7) ? 6 : 7) " : "04 ") + paires : nil
        let email = t.oui(0.6)
            ? NomsSynthetiques.ascii(m.demandeur.prenoms) + "." + NomsSynthetiques.ascii(m.demandeur.nomNaissance)
                + (t.oui(0.5) ? "\(t.uniforme(1...99))" : "") + "@" + t.element(["example.org", "example.net", "example.com"])
            : nil
        return Coordonnees(
            adresse: adresse, codePostal: GeographieSynthetique.codePostal(insee: c.insee, &t), commune: c.nom,
            telephone: telephone, email: email, hebergePar: heberge)
    }
}
