import Foundation

extension CubePilotage {
    /// The figures of `r`. `guichets` names the network (filters pick among them); `reseau` is each guichet's
    /// sync health, read from the devices at the same moment.
    public func calculer(_ r: RequetePilotage, guichets: [Guichet], reseau: [SanteGuichet], maintenant: Date,
                         arreteALaSequence: Int64) -> Indicateurs {
        let filtre = r.commune != nil || r.niveau != nil || r.guichet != nil
        let retenus = guichets.filter { g in
            (r.commune.map { g.communeInsee == $0 } ?? true) && (r.niveau.map { g.niveau == $0 } ?? true) && (r.guichet.map { g.code == $0 } ?? true)
        }
        let codesRetenus = Set(retenus.map(\.code))
        func retenu(_ code: String) -> Bool { !filtre || codesRetenus.contains(code) }
        // Slots of the guichets in the selection (facts may name guichets outside the table: counted only unfiltered).
        let slots = codes.indices.filter { retenu(codes[$0]) }
        let du = r.du.jourJulien, au = r.au.jourJulien

        var accueil = CompteursAccueil()
        var demandes = CompteursDemandes()
        var lignes: [String: LigneGuichet] = [:]
        for g in retenus {
            lignes[g.code] = LigneGuichet(code: g.code, nom: g.nom, commune: g.communeInsee, niveau: g.niveau.rawValue)
        }
        var joursDelai: [Int] = []
        var horsDelai = 0
        for g in slots {
            let c = compteurs[g]
            func s(_ slot: Int) -> Int { c[slot]?.somme(du, au) ?? 0 }
            let v = s(Self.visite), a = s(Self.appel), rv = s(Self.rdv)
            accueil.visites += v
            accueil.appels += a
            accueil.rendezVous += rv
            accueil.orientationsNiveau3 += s(Self.orientation)
            accueil.pmr += s(Self.pmr)
            accueil.prioritesBloquees += s(Self.priorite)
            let e = s(Self.enregistrement), re = s(Self.renouvellement), m = s(Self.modification), p = s(Self.piece)
            demandes.enregistrees += e
            demandes.renouvelees += re
            demandes.modifiees += m
            demandes.piecesRecues += p
            var radiees = 0
            for (i, motif) in MotifRadiation.allCases.enumerated() {
                let n = s(Self.radiation0 + i)
                demandes.radiees[motif.rawValue, default: 0] += n
                radiees += n
            }
            var joursGuichet: [Int] = []
            for d in delais[g] where d.jour >= du && d.jour <= au {
                joursGuichet.append(d.jours)
                if d.horsDelai { horsDelai += 1 }
            }
            joursDelai.append(contentsOf: joursGuichet)
            if var l = lignes[codes[g]] {
                l.visites = v; l.appels = a; l.rendezVous = rv
                l.enregistrees = e; l.renouvelees = re; l.modifiees = m; l.radiees = radiees; l.piecesRecues = p
                l.delaiMedianJours = Delais(jours: joursGuichet, horsDelai: nil).medianeJours
                lignes[codes[g]] = l
            }
        }
        demandes.delaiEnregistrement = Delais(jours: joursDelai, horsDelai: horsDelai)

        // First rendez-vous on or after the registration (PPGD, L441-2-8: the delay within which a demandeur who asks
        // is received after registration), held in the period at a selected guichet; over one month is flagged.
        var joursRdv: [Int] = []
        var rdvHorsDelai = 0
        for (id, rdvs) in rendezVous {
            guard let enregistrement = self.demandes[id]?.enregistrement else { continue }
            let e = enregistrement.jourJulien
            guard let premier = rdvs.filter({ $0.jour >= e }).min(by: { $0.jour < $1.jour || ($0.jour == $1.jour && $0.guichet < $1.guichet) })
            else { continue }
            if premier.jour >= du, premier.jour <= au, retenu(codes[premier.guichet]) {
                joursRdv.append(premier.jour - e)
                if premier.jour > enregistrement.ajoutant(mois: 1).jourJulien { rdvHorsDelai += 1 }
            }
        }
        demandes.delaiPremierRendezVous = Delais(jours: joursRdv, horsDelai: rdvHorsDelai)

        let (stock, qualite, parGuichetStock) = calculerStock(r, retenu: retenu)
        for (code, (actif, sansProposition)) in parGuichetStock where lignes[code] != nil {
            lignes[code]!.stockActif = actif
            lignes[code]!.sansPropositionSixMois = sansProposition
        }

        var resultat = Indicateurs(
            requete: r, arreteALaSequence: arreteALaSequence,
            moisProvisoires: moisProvisoires(r, slots: slots, retenus: codesRetenus, reseau: reseau, maintenant: maintenant),
            accueil: accueil, demandes: demandes, stock: stock, offres: calculerOffres(r, actives: stock.actives, retenu: retenu),
            qualite: qualite, reseau: reseau.filter { retenu($0.code) }.sorted { $0.code < $1.code },
            parGuichet: lignes.values.sorted { $0.code < $1.code }, serie: serie(r, slots: slots))
        resultat.objectifs = Objectif.mesurer(resultat)
        return resultat
    }

    /// 1 January 2024 was a Monday.
    static let lundiDeReference = Jour(2024, 1, 1)!.jourJulien

    private func calculerStock(_ r: RequetePilotage, retenu: (String) -> Bool) -> (Stock, QualiteDonnees, [String: (Int, Int)]) {
        var stock = Stock()
        var qualite = QualiteDonnees()
        var parGuichet: [String: (Int, Int)] = [:]
        var anciennete = Array(repeating: 0, count: Stock.tranchesAnciennete.count)
        var typologies: [String: Int] = [:]
        var communes: [String: Int] = [:]
        var complets = 0
        var identites: [String: Int] = [:]
        var retenues: [(UUID, EtatDemandePilotage)] = []
        let moisSuivant = r.au.ajoutant(mois: 1)
        for (id, e) in demandes where e.estActive(au: r.au) {
            identites[e.cleDoublon, default: 0] += 1
            if retenu(e.guichetOrigine) { retenues.append((id, e)) }
        }
        var sansProposition: [DemandeSansProposition] = []
        let au = r.au.jourJulien
        for (id, e) in retenues {
            stock.actives += 1
            let mois = e.depot.map { $0.moisRevolus(jusqua: r.au) } ?? 0
            let tranche = Stock.tranchesAnciennete.lastIndex { mois >= $0.moisMin } ?? 0
            anciennete[tranche] += 1
            typologies[e.typologie?.rawValue ?? "?", default: 0] += 1
            communes[e.commune ?? "?", default: 0] += 1
            if e.complet { complets += 1 }
            if e.sansRFR { qualite.sansRevenuFiscal += 1 }
            if identites[e.cleDoublon, default: 0] > 1 { qualite.doublonsSuspects += 1 }
            if let fin = e.finValidite, fin.annee == moisSuivant.annee, fin.mois == moisSuivant.mois { stock.renouvellementsMoisSuivant += 1 }
            var compte = parGuichet[e.guichetOrigine] ?? (0, 0)
            compte.0 += 1
            if mois >= 6, let depot = e.depot, (propositions[id].map { $0 > au } ?? true) {
                compte.1 += 1
                sansProposition.append(DemandeSansProposition(numeroUnique: e.numeroUnique ?? id.uuidString.lowercased(), guichetOrigine: e.guichetOrigine,
                    depot: depot, ancienneteMois: mois, typologie: e.typologie?.rawValue, commune: e.commune))
            }
            parGuichet[e.guichetOrigine] = compte
        }
        stock.parAnciennete = Stock.tranchesAnciennete.enumerated().map { Compte(cle: $1.cle, libelle: $1.libelle, nombre: anciennete[$0]) }
        stock.parTypologie = typologies.sorted { $0.key < $1.key }.map { Compte(cle: $0.key, libelle: $0.key, nombre: $0.value) }
        stock.parCommune = communes.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { Compte(cle: $0.key, libelle: $0.key, nombre: $0.value) }
        stock.tauxCompletude = stock.actives == 0 ? nil : Double(complets) / Double(stock.actives)
        stock.sansPropositionSixMois = sansProposition.count
        sansProposition.sort { ($0.depot, $0.numeroUnique) < ($1.depot, $1.numeroUnique) }
        stock.listeSansProposition = Array(sansProposition.prefix(r.limiteListe))
        return (stock, qualite, parGuichet)
    }

    private func calculerOffres(_ r: RequetePilotage, actives: Int, retenu: (String) -> Bool) -> CompteursOffres {
        var o = CompteursOffres()
        let du = r.du.jourJulien, au = r.au.jourJulien
        for s in offres.values {
            if let commune = r.commune, s.offre?.commune != commune { continue }
            if let p = s.publiee, p >= du, p <= au {
                o.publiees += 1
                if let d = s.premiereDesignation, d <= au { o.avecCandidats += 1 }
            }
            if let a = s.attribuee, a >= du, a <= au { o.attribuees += 1 }
        }
        o.tauxCouverture = o.publiees == 0 ? nil : Double(o.avecCandidats) / Double(o.publiees)
        let debut12 = r.au.ajoutant(mois: -12)
        var attentes: [String: (Int, Int)] = [:]
        for e in demandes.values where retenu(e.guichetOrigine) {
            guard let a = e.attribution else { continue }
            if a > debut12, a <= r.au { o.attributionsDouzeMois += 1 }
            if a >= r.du, a <= r.au, let depot = e.depot {
                let cle = (e.typologie?.rawValue ?? "?") + "|" + (e.commune ?? "?")
                var t = attentes[cle] ?? (0, 0)
                t.0 += 1
                t.1 += depot.jours(jusqua: a)
                attentes[cle] = t
            }
        }
        o.tension = o.attributionsDouzeMois == 0 ? nil : Double(actives) / Double(o.attributionsDouzeMois)
        o.attenteSatisfaites = attentes.sorted { $0.key < $1.key }.map { cle, t in
            let parts = cle.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
            return AttenteMoyenne(typologie: parts[0], commune: parts[1], nombre: t.0, moyenneJours: Int((Double(t.1) / Double(t.0)).rounded()))
        }
        return o
    }

    private func moisProvisoires(_ r: RequetePilotage, slots: [Int], retenus: Set<String>, reseau: [SanteGuichet], maintenant: Date) -> [MoisProvisoire] {
        var derniere: [String: Date] = [:]
        var enrole: [String: Date] = [:]
        for s in reseau {
            if let d = s.derniereSynchro { derniere[s.code] = max(derniere[s.code] ?? d, d) }
            if let e = s.enroleLe { enrole[s.code] = min(enrole[s.code] ?? e, e) }
        }
        let filtre = r.commune != nil || r.niveau != nil || r.guichet != nil
        // Guichets to consider: those with facts, and those with a device (which may hold work not sent yet).
        var candidats = Set(slots.map { codes[$0] })
        for s in reseau where !filtre || retenus.contains(s.code) { candidats.insert(s.code) }
        var resultat: [MoisProvisoire] = []
        var mois = Jour(r.du.annee, r.du.mois, 1)!
        while mois <= r.au {
            let suivant = mois.ajoutant(mois: 1)
            let fin = suivant.debut(timeZone: .paris)
            let cle = mois.annee * 12 + mois.mois - 1
            let nom = String(format: "%04d-%02d", mois.annee, mois.mois)
            if fin > maintenant {
                resultat.append(MoisProvisoire(mois: nom, enCours: true, guichetsEnAttente: []))
            } else {
                var attente: [String] = []
                for code in candidats {
                    let g = indice(code)
                    let actif = (g.map { moisActifs[$0].contains(cle) } ?? false) || (enrole[code].map { $0 < fin } ?? false)
                    guard actif else { continue }
                    let contact = [derniere[code], g.flatMap { dernierContact[$0] }].compactMap { $0 }.max()
                    if (contact.map { $0 < fin } ?? true) { attente.append(code) }
                }
                if !attente.isEmpty { resultat.append(MoisProvisoire(mois: nom, enCours: false, guichetsEnAttente: attente.sorted())) }
            }
            mois = suivant
        }
        return resultat
    }

    private func serie(_ r: RequetePilotage, slots: [Int]) -> [PointSerie] {
        let du = r.du.jourJulien, au = r.au.jourJulien
        var points: [PointSerie] = []
        var seau = Array(repeating: 0, count: au - du + 1)
        var j = r.du
        while j <= r.au {
            let debut: Jour
            switch r.pas {
            case .jour: debut = j
            case .semaine: debut = j.ajoutant(jours: -(((j.jourJulien - Self.lundiDeReference) % 7 + 7) % 7))  // ISO weeks start on Monday
            case .mois: debut = Jour(j.annee, j.mois, 1)!
            }
            if points.last?.debut != debut {
                let libelle: String
                switch r.pas {
                case .jour: libelle = debut.affichage
                case .semaine: libelle = "sem. du " + debut.affichage
                case .mois: libelle = String(format: "%02d/%04d", debut.mois, debut.annee)
                }
                points.append(PointSerie(debut: debut, libelle: libelle))
            }
            seau[j.jourJulien - du] = points.count - 1
            j = j.ajoutant(jours: 1)
        }
        func cases(_ slot: Int) -> [Int] {
            var c = Array(repeating: 0, count: points.count)
            for g in slots { compteurs[g][slot]?.repartir(du, au, seau: seau, dans: &c) }
            return c
        }
        let v = cases(Self.visite), a = cases(Self.appel), rv = cases(Self.rdv), e = cases(Self.enregistrement),
            re = cases(Self.renouvellement), p = cases(Self.piece)
        for i in points.indices {
            points[i].visites = v[i]; points[i].appels = a[i]; points[i].rendezVous = rv[i]
            points[i].enregistrees = e[i]; points[i].renouvelees = re[i]; points[i].piecesRecues = p[i]
        }
        return points
    }
}
