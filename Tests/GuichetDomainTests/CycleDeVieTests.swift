import Foundation
import GuichetDomain
import Testing

// The life of a demande: CCH R441-2-7 (validity, renewal), R441-2-8 (radiation motifs), arrêté du 23 mars 2015 §6
// (t + 13 / t + 18 months, sub-motifs, non-réponse), docs/DOMAIN.md §10–13.

/// The kinds of transition, to enumerate states × transitions.
enum GenreTransition: String, CaseIterable, Sendable {
    case deposer, enregistrer, renouveler, attribuer, radier, reactiver
}

/// The legal transitions, written from the state machine of docs/DOMAIN.md and `CycleDeVie`'s header.
private let legales: [StatutDemande: [GenreTransition: StatutDemande]] = [
    .brouillon: [.deposer: .deposee],
    .deposee: [.enregistrer: .enregistree, .radier: .radiee],
    .enregistree: [.renouveler: .renouvelee, .attribuer: .attribuee, .radier: .radiee],
    .renouvelee: [.renouveler: .renouvelee, .attribuer: .attribuee, .radier: .radiee],
    .attribuee: [:],
    .radiee: [.reactiver: .renouvelee],
]

private let depot = Jour(2025, 1, 15)!
private let enregistrement = Jour(2025, 1, 20)!
private let renouvellement = Jour(2025, 11, 10)!
private let loin = Jour(2030, 1, 1)!

private func j(_ a: Int, _ m: Int, _ d: Int) -> Jour { Jour(a, m, d)! }

private func appliquer(_ t: TransitionDemande, _ d: Demande, aujourdhui: Jour = loin) throws(TransitionInterdite) -> Demande {
    try CycleDeVie.appliquer(t, a: d, aujourdhui: aujourdhui)
}

/// A demande brought to `statut` through legal transitions: dépôt 15/01/2025, enregistrement 20/01/2025,
/// renewal 10/11/2025, attribution 01/06/2025, radiation for non-réponse 01/06/2025.
private func demande(en statut: StatutDemande) throws -> Demande {
    let brouillon = Fixtures.demande()
    if statut == .brouillon { return brouillon }
    let deposee = try appliquer(.deposer(le: depot), brouillon)
    if statut == .deposee { return deposee }
    let enregistree = try appliquer(.enregistrer(numero: Fixtures.numero(), le: enregistrement), deposee)
    switch statut {
    case .enregistree: return enregistree
    case .renouvelee: return try appliquer(.renouveler(le: renouvellement), enregistree)
    case .attribuee: return try appliquer(.attribuer(le: j(2025, 6, 1)), enregistree)
    case .radiee: return try appliquer(.radier(Radiation(motif: .nonReponse, le: j(2025, 6, 1))), enregistree)
    case .brouillon, .deposee: fatalError("traité plus haut")
    }
}

/// A transition of kind `genre` whose date satisfies every precondition when it is legal from `d`'s state.
private func transition(_ genre: GenreTransition, pour d: Demande) -> TransitionDemande {
    transition(genre, le: dateValide(genre, pour: d))
}

private func transition(_ genre: GenreTransition, le: Jour) -> TransitionDemande {
    switch genre {
    case .deposer: .deposer(le: le)
    case .enregistrer: .enregistrer(numero: Fixtures.numero(), le: le)
    case .renouveler: .renouveler(le: le)
    case .attribuer: .attribuer(le: le)
    case .radier: .radier(Radiation(motif: .renonciation, le: le))
    case .reactiver: .reactiver(le: le)
    }
}

private func dateValide(_ genre: GenreTransition, pour d: Demande) -> Jour {
    let ancrage = Echeances(d)?.ancrage ?? depot
    switch genre {
    case .deposer: return depot
    case .enregistrer: return enregistrement
    case .renouveler: return Echeances(d)?.ouvertureRenouvellement ?? j(2025, 10, 15)
    case .attribuer, .radier: return ancrage.ajoutant(mois: 1)
    case .reactiver: return (d.radiation?.le ?? j(2025, 6, 1)).ajoutant(mois: 1)
    }
}

/// The refusal a transition raised, or nil when it succeeded (or failed otherwise).
private func refus(_ bloc: () throws -> Demande) -> TransitionInterdite? {
    do {
        _ = try bloc()
        return nil
    } catch let e as TransitionInterdite {
        return e
    } catch {
        return nil
    }
}

@Suite("Cycle de vie d'une demande")
struct CycleDeVieTests {
    // MARK: - Every state × every transition

    @Test("chaque transition depuis chaque état : permise ou refusée avec un code et un message",
          arguments: StatutDemande.allCases, GenreTransition.allCases)
    func matrice(statut: StatutDemande, genre: GenreTransition) throws {
        let d = try demande(en: statut)
        #expect(d.statut == statut)
        let t = transition(genre, pour: d)
        if let attendu = legales[statut]?[genre] {
            let apres = try appliquer(t, d)
            #expect(apres.statut == attendu)
            #expect(apres.id == d.id)
            #expect(apres.dates.depot == (genre == .deposer ? depot : d.dates.depot), "la date de dépôt initial ne bouge jamais")
        } else {
            let e = try #require(refus { try appliquer(t, d) })
            #expect(e.code == .etatIncompatible)
            #expect(e.depuis == statut)
            #expect(e.transition == genre.rawValue)
            #expect(e.message.hasPrefix("La demande est \(statut.libelle) : cette opération exige une demande "))
        }
    }

    @Test("la table des transitions permises compte 10 transitions")
    func nombreDeTransitions() {
        #expect(legales.values.map(\.count).reduce(0, +) == 10)
        #expect(Set(legales.keys) == Set(StatutDemande.allCases))
    }

    @Test("dépôt puis enregistrement : dates et numéro unique")
    func depotEtEnregistrement() throws {
        let d = try demande(en: .enregistree)
        #expect(d.dates.depot == depot)
        #expect(d.dates.enregistrement == enregistrement)
        #expect(d.numeroUnique == Fixtures.numero())
        #expect(d.estActive)
    }

    @Test("attribution et radiation enregistrent leur date et leur motif")
    func attributionRadiation() throws {
        let attribuee = try demande(en: .attribuee)
        #expect(attribuee.dates.attribution == j(2025, 6, 1))
        #expect(!attribuee.estActive)
        let radiee = try demande(en: .radiee)
        #expect(radiee.radiation == Radiation(motif: .nonReponse, le: j(2025, 6, 1)))
        #expect(radiee.dates.radiation == j(2025, 6, 1))
        #expect(!radiee.estActive)
    }

    // MARK: - Dates

    @Test("une date future est refusée, le jour même est accepté", arguments: GenreTransition.allCases)
    func dateFuture(genre: GenreTransition) throws {
        let source: StatutDemande = switch genre {
        case .deposer: .brouillon
        case .enregistrer: .deposee
        case .renouveler, .attribuer, .radier: .enregistree
        case .reactiver: .radiee
        }
        let d = try demande(en: source)
        let le = dateValide(genre, pour: d)
        let e = try #require(refus {
            try appliquer(transition(genre, le: le), d, aujourdhui: le.ajoutant(jours: -1))
        })
        #expect(e.code == .dateFuture)
        #expect(e.message == "La date \(le.affichage) est dans le futur.")
        #expect(try appliquer(transition(genre, le: le), d, aujourdhui: le).statut == legales[source]?[genre])
    }

    @Test("l'enregistrement ne peut précéder le dépôt")
    func enregistrementAvantDepot() throws {
        let d = try demande(en: .deposee)
        let e = try #require(refus {
            try appliquer(.enregistrer(numero: Fixtures.numero(), le: depot.ajoutant(jours: -1)), d)
        })
        #expect(e.code == .dateAnterieure)
        #expect(e.message.contains("ne peut précéder le dépôt (15/01/2025)"))
        #expect(try appliquer(.enregistrer(numero: Fixtures.numero(), le: depot), d).dates.enregistrement == depot)
    }

    @Test("la radiation ne peut précéder le dépôt, l'attribution l'enregistrement")
    func radiationEtAttributionAnterieures() throws {
        let deposee = try demande(en: .deposee)
        let e1 = try #require(refus {
            try appliquer(.radier(Radiation(motif: .renonciation, le: depot.ajoutant(jours: -1))), deposee)
        })
        #expect(e1.code == .dateAnterieure)
        #expect(e1.message.contains("dépôt"))
        #expect(try appliquer(.radier(Radiation(motif: .renonciation, le: depot)), deposee).statut == .radiee)

        let enregistree = try demande(en: .enregistree)
        let e2 = try #require(refus {
            try appliquer(.attribuer(le: enregistrement.ajoutant(jours: -1)), enregistree)
        })
        #expect(e2.code == .dateAnterieure)
        #expect(e2.message.contains("enregistrement"))
        #expect(try appliquer(.attribuer(le: enregistrement), enregistree).statut == .attribuee)
    }

    // MARK: - Renewal window

    @Test("fenêtre de renouvellement : de t + 9 mois à t + 13 mois exclu (t = dépôt 15/01/2025)", arguments: [
        (Jour(2025, 10, 14)!, TransitionInterdite.Code?.some(.renouvellementPasEncoreOuvert)),
        (Jour(2025, 10, 15)!, nil),
        (Jour(2026, 1, 15)!, nil),
        (Jour(2026, 2, 14)!, nil),
        (Jour(2026, 2, 15)!, .some(.delaiDepasse)),
        (Jour(2026, 7, 1)!, .some(.delaiDepasse)),
    ])
    func fenetreRenouvellement(le: Jour, code: TransitionInterdite.Code?) throws {
        let d = try demande(en: .enregistree)
        if let code {
            let e = try #require(refus { try appliquer(.renouveler(le: le), d) })
            #expect(e.code == code)
            if code == .renouvellementPasEncoreOuvert {
                #expect(e.message == "Le renouvellement n'est possible qu'à partir du 15/10/2025 (10e mois).")
            } else {
                #expect(e.message.contains("a expiré le 14/02/2026"))
                #expect(e.message.contains("radiée puis réactivée"))
            }
        } else {
            let r = try appliquer(.renouveler(le: le), d)
            #expect(r.statut == .renouvelee)
            #expect(r.dates.dernierRenouvellement == le)
        }
    }

    @Test("après un renouvellement, la fenêtre suivante part de la date du renouvellement")
    func fenetreSuivante() throws {
        let d = try demande(en: .renouvelee)
        #expect(Echeances(d)?.ancrage == renouvellement)
        let e = try #require(refus { try appliquer(.renouveler(le: j(2026, 8, 9)), d) })
        #expect(e.code == .renouvellementPasEncoreOuvert)
        #expect(e.depuis == .renouvelee)
        #expect(try appliquer(.renouveler(le: j(2026, 8, 10)), d).dates.dernierRenouvellement == j(2026, 8, 10))
        let tard = try #require(refus { try appliquer(.renouveler(le: j(2026, 12, 10)), d) })
        #expect(tard.code == .delaiDepasse)
    }

    // MARK: - Radiation

    @Test("radiation pour non-renouvellement : pas avant t + 13 mois")
    func radiationNonRenouvellement() throws {
        let d = try demande(en: .enregistree)
        let e = try #require(refus {
            try appliquer(.radier(Radiation(motif: .nonRenouvellement, le: j(2026, 2, 14))), d)
        })
        #expect(e.code == .radiationPrematuree)
        #expect(e.message == "La radiation pour non-renouvellement n'intervient qu'à partir du 15/02/2026.")
        let r = try appliquer(.radier(Radiation(motif: .nonRenouvellement, le: j(2026, 2, 15))), d)
        #expect(r.statut == .radiee)
        #expect(r.radiation?.motif == .nonRenouvellement)
    }

    @Test("une demande renouvelée n'est radiée pour non-renouvellement qu'à 13 mois du renouvellement")
    func radiationApresRenouvellement() throws {
        let d = try demande(en: .renouvelee)
        let e = try #require(refus {
            try appliquer(.radier(Radiation(motif: .nonRenouvellement, le: j(2026, 2, 15))), d)
        })
        #expect(e.code == .radiationPrematuree)
        #expect(try appliquer(.radier(Radiation(motif: .nonRenouvellement, le: j(2026, 12, 10))), d).statut == .radiee)
    }

    @Test("l'irrecevabilité exige un sous-motif", arguments: SousMotifIrrecevabilite.allCases)
    func irrecevabilite(sousMotif: SousMotifIrrecevabilite) throws {
        let d = try demande(en: .enregistree)
        let e = try #require(refus {
            try appliquer(.radier(Radiation(motif: .irrecevabilite, le: j(2025, 3, 1))), d)
        })
        #expect(e.code == .sousMotifManquant)
        #expect(e.message.contains("dépassement des plafonds ou irrégularité du séjour"))
        let r = try appliquer(.radier(Radiation(motif: .irrecevabilite, sousMotif: sousMotif, le: j(2025, 3, 1))), d)
        #expect(r.radiation?.sousMotif == sousMotif)
    }

    @Test("seule l'irrecevabilité porte un sous-motif",
          arguments: MotifRadiation.allCases.filter { $0 != .irrecevabilite }, SousMotifIrrecevabilite.allCases)
    func sousMotifInattendu(motif: MotifRadiation, sousMotif: SousMotifIrrecevabilite) throws {
        let d = try demande(en: .enregistree)
        let e = try #require(refus {
            try appliquer(.radier(Radiation(motif: motif, sousMotif: sousMotif, le: j(2026, 3, 1))), d)
        })
        #expect(e.code == .sousMotifInattendu)
        #expect(e.message == "Seule l'irrecevabilité porte un sous-motif.")
    }

    @Test("les motifs sans sous-motif sont acceptés", arguments: MotifRadiation.allCases.filter { $0 != .irrecevabilite })
    func motifsSansSousMotif(motif: MotifRadiation) throws {
        let d = try demande(en: .enregistree)
        // 01/03/2026 is after t + 13 months, so non-renouvellement is allowed too.
        let r = try appliquer(.radier(Radiation(motif: motif, le: j(2026, 3, 1))), d)
        #expect(r.radiation == Radiation(motif: motif, le: j(2026, 3, 1)))
    }

    // MARK: - Reactivation

    @Test("réactivation après non-renouvellement : jusqu'à t + 18 mois inclus")
    func reactivationNonRenouvellement() throws {
        let radiee = try appliquer(.radier(Radiation(motif: .nonRenouvellement, le: j(2026, 2, 15))), demande(en: .enregistree))
        let ok = try appliquer(.reactiver(le: j(2026, 7, 15)), radiee)
        #expect(ok.statut == .renouvelee)
        #expect(ok.radiation == nil)
        #expect(ok.dates.radiation == nil)
        #expect(ok.dates.dernierRenouvellement == j(2026, 7, 15))
        let e = try #require(refus { try appliquer(.reactiver(le: j(2026, 7, 16)), radiee) })
        #expect(e.code == .delaiDepasse)
        #expect(e.message.contains("jusqu'au 15/07/2026"))
        #expect(e.message.contains("nouveau numéro unique"))
    }

    @Test("réactivation après non-réponse : jusqu'à radiation + 5 mois inclus")
    func reactivationNonReponse() throws {
        let radiee = try demande(en: .radiee)
        #expect(try appliquer(.reactiver(le: j(2025, 11, 1)), radiee).statut == .renouvelee)
        let e = try #require(refus { try appliquer(.reactiver(le: j(2025, 11, 2)), radiee) })
        #expect(e.code == .delaiDepasse)
        #expect(e.message.contains("jusqu'au 01/11/2025"))
    }

    @Test("pas de réactivation après renonciation, irrecevabilité ou fusion",
          arguments: [Radiation(motif: .renonciation, le: Jour(2025, 6, 1)!),
                      Radiation(motif: .irrecevabilite, sousMotif: .depassementPlafonds, le: Jour(2025, 6, 1)!),
                      Radiation(motif: .fusion, le: Jour(2025, 6, 1)!)])
    func motifNonReactivable(radiation: Radiation) throws {
        let radiee = try appliquer(.radier(radiation), demande(en: .enregistree))
        let e = try #require(refus { try appliquer(.reactiver(le: j(2025, 6, 2)), radiee) })
        #expect(e.code == .motifNonReactivable)
        #expect(e.message.contains(radiation.motif.libelle))
        #expect(e.message.contains("nouvelle demande"))
    }

    @Test("la réactivation ne peut précéder la radiation")
    func reactivationAvantRadiation() throws {
        let radiee = try demande(en: .radiee)
        let e = try #require(refus { try appliquer(.reactiver(le: j(2025, 5, 31)), radiee) })
        #expect(e.code == .dateAnterieure)
        #expect(e.message.contains("radiation (01/06/2025)"))
        #expect(try appliquer(.reactiver(le: j(2025, 6, 1)), radiee).statut == .renouvelee)
    }

    // MARK: - Ancienneté

    @Test("numéro unique et ancienneté survivent au renouvellement et à la réactivation")
    func ancienneteConservee() throws {
        let enregistree = try demande(en: .enregistree)
        #expect(enregistree.ancienneteMois(au: j(2025, 11, 14)) == 9)
        let renouvelee = try appliquer(.renouveler(le: j(2025, 11, 10)), enregistree)
        let radiee = try appliquer(.radier(Radiation(motif: .nonRenouvellement, le: j(2026, 12, 10))), renouvelee)
        let reactivee = try appliquer(.reactiver(le: j(2027, 3, 1)), radiee)
        for d in [renouvelee, radiee, reactivee] {
            #expect(d.numeroUnique == Fixtures.numero())
            #expect(d.dates.depot == depot)
            #expect(d.dates.enregistrement == enregistrement)
        }
        #expect(reactivee.ancienneteMois(au: j(2027, 3, 1)) == 25)
        #expect(reactivee.ancienneteMois(au: j(2027, 3, 14)) == 25)
        #expect(reactivee.ancienneteMois(au: j(2027, 3, 15)) == 26)
        // The reactivation is the new anchor of validity.
        #expect(Echeances(reactivee)?.ancrage == j(2027, 3, 1))
        #expect(Fixtures.demande().ancienneteMois(au: j(2027, 3, 1)) == 0)
    }

    // MARK: - Échéances

    @Test("échéances de quantième à quantième, fins de mois et 29 février", arguments: [
        // ancrage, ouverture (t+9), préavis (fin − 1 mois), fin de validité (t+12), radiation (t+13), limite (t+18)
        ("2024-02-29", "2024-11-29", "2025-01-28", "2025-02-28", "2025-03-29", "2025-08-29"),
        ("2025-01-31", "2025-10-31", "2025-12-31", "2026-01-31", "2026-02-28", "2026-07-31"),
        ("2025-08-31", "2026-05-31", "2026-07-31", "2026-08-31", "2026-09-30", "2027-02-28"),
        ("2025-05-31", "2026-02-28", "2026-04-30", "2026-05-31", "2026-06-30", "2026-11-30"),
        ("2025-03-31", "2025-12-31", "2026-02-28", "2026-03-31", "2026-04-30", "2026-09-30"),
        ("2027-09-30", "2028-06-30", "2028-08-30", "2028-09-30", "2028-10-30", "2029-03-30"),
        ("2027-08-29", "2028-05-29", "2028-07-29", "2028-08-29", "2028-09-29", "2029-02-28"),
        ("2025-01-15", "2025-10-15", "2025-12-15", "2026-01-15", "2026-02-15", "2026-07-15"),
    ])
    func echeances(ancrage: String, ouverture: String, preavis: String, fin: String, radiation: String, limite: String) throws {
        let e = Echeances(ancrage: try #require(Jour(iso: ancrage)))
        #expect(e.ouvertureRenouvellement.description == ouverture)
        #expect(e.preavis.description == preavis)
        #expect(e.finValidite.description == fin)
        #expect(e.radiationAutomatique.description == radiation)
        #expect(e.limiteReactivation.description == limite)
    }

    @Test("échéances d'une demande : ancrées au dépôt, puis au dernier renouvellement ; aucune avant le dépôt")
    func echeancesDemande() throws {
        #expect(Echeances(Fixtures.demande()) == nil)
        #expect(Echeances(try demande(en: .deposee))?.ancrage == depot)
        #expect(Echeances(try demande(en: .enregistree))?.ancrage == depot, "ancrée au dépôt, pas à l'enregistrement")
        #expect(Echeances(try demande(en: .renouvelee))?.ancrage == renouvellement)
    }

    @Test("Echeances Codable : aller-retour")
    func echeancesCodable() throws {
        let e = Echeances(ancrage: j(2024, 2, 29))
        #expect(try JSONDecoder().decode(Echeances.self, from: JSONEncoder().encode(e)) == e)
    }

    // MARK: - Daily job

    @Test("radiation automatique due à t + 13 mois, pour une demande active seulement", arguments: [
        (StatutDemande.enregistree, "2026-02-14", false),
        (.enregistree, "2026-02-15", true),
        (.enregistree, "2027-01-01", true),
        (.renouvelee, "2026-02-15", false),
        (.renouvelee, "2026-12-09", false),
        (.renouvelee, "2026-12-10", true),
        (.brouillon, "2027-01-01", false),
        (.deposee, "2027-01-01", false),
        (.attribuee, "2027-01-01", false),
        (.radiee, "2027-01-01", false),
    ])
    func doitEtreRadiee(statut: StatutDemande, le: String, attendu: Bool) throws {
        let d = try demande(en: statut)
        #expect(CycleDeVie.doitEtreRadieePourNonRenouvellement(d, au: try #require(Jour(iso: le))) == attendu)
    }

    @Test("le travail quotidien et la transition s'accordent sur la date de radiation")
    func jobEtTransitionCoherents() throws {
        let d = try demande(en: .enregistree)
        var jour = j(2026, 2, 10)
        while jour <= j(2026, 2, 20) {
            let due = CycleDeVie.doitEtreRadieePourNonRenouvellement(d, au: jour)
            let permise = refus {
                try appliquer(.radier(Radiation(motif: .nonRenouvellement, le: jour)), d)
            } == nil
            #expect(due == permise, "au \(jour)")
            jour = jour.ajoutant(jours: 1)
        }
    }

    @Test("description de l'erreur : code stable, sans donnée personnelle")
    func descriptionErreur() throws {
        let e = try #require(refus { try appliquer(.deposer(le: depot), demande(en: .radiee)) })
        #expect(e.description == "transition deposer interdite depuis radiee (etatIncompatible)")
    }
}
