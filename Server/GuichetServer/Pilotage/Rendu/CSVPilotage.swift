import Foundation
import GuichetDomain

/// The tables of the dashboard that can be downloaded (`/pilotage/csv/<slug>`, `guichet-server rapport --format csv`).
/// The raw values are stable slugs: they appear in URLs and file names.
public enum TableCSV: String, CaseIterable, Sendable, Hashable {
    /// Headline figures: JSON path of `Indicateurs`, French label, value, unit.
    case synthese
    /// The objectives: target, value in the period, reached or not.
    case objectifs
    /// Activity per period of the series.
    case serie
    /// One line per guichet of the selection.
    case guichets
    case anciennete
    case typologie
    case communes
    case delaisEnregistrement = "delais-enregistrement"
    case sansProposition = "sans-proposition"
    case radiations
    case offresAttente = "offres-attente"
    case reseau

    /// French title of the table (page headings, link labels).
    public var titre: String {
        switch self {
        case .synthese: "Synthèse des indicateurs"
        case .objectifs: "Objectifs de la période"
        case .serie: "Activité dans le temps"
        case .guichets: "Indicateurs par guichet"
        case .anciennete: "Demandes actives par ancienneté"
        case .typologie: "Demandes actives par typologie recherchée"
        case .communes: "Demandes actives par commune souhaitée"
        case .delaisEnregistrement: "Délais entre dépôt et enregistrement"
        case .sansProposition: "Demandes sans proposition depuis plus de 6 mois"
        case .radiations: "Radiations par motif"
        case .offresAttente: "Attente moyenne des demandes satisfaites"
        case .reseau: "Santé du réseau de guichets"
        }
    }
}

/// CSV files of the pilotage tables, for a spreadsheet set to French: `;` separator, decimal comma, rates in
/// percent with one decimal, dates DD/MM/YYYY, CRLF line ends and RFC 4180 quoting, UTF-8 with a byte order mark
/// (without it a French spreadsheet reads the accents as Windows-1252). Counts are plain integers (no thousands
/// separator) so they stay numbers. A text cell that a spreadsheet would take for a formula (`=`, `+`, `-`, `@`)
/// is prefixed with an apostrophe.
public enum CSVPilotage {
    public static let separateur: Character = ";"
    public static let bom = "\u{FEFF}"

    /// The CSV text of `table` (header row first), with a byte order mark unless `bom` is false.
    public static func csv(_ i: Indicateurs, table: TableCSV, bom: Bool = true) -> String {
        let (entete, lignes) = contenu(i, table: table)
        var sortie = bom ? Self.bom : ""
        sortie += ligne(entete.map(Cellule.texte))
        for l in lignes { sortie += ligne(l) }
        return sortie
    }

    /// One field of a record.
    enum Cellule: Sendable, Hashable {
        case texte(String)
        case entier(Int)
        /// A rate 0…1 written as a percentage with one decimal ("42,5"); nil is an empty field.
        case taux(Double?)
        /// A decimal number with a decimal comma; nil is an empty field.
        case decimal(Double?, chiffres: Int)
        case vide

        var valeur: String {
            switch self {
            case let .texte(t):
                // Formula injection: a spreadsheet would evaluate "=…", "+…", "-…", "@…".
                if let c = t.first, "=+-@\t\r".contains(c) { return "'" + t }
                return t
            case let .entier(n): return String(n)
            case let .taux(x): return x.map { FormatFR.decimal($0 * 100, chiffres: 1, groupes: false) } ?? ""
            case let .decimal(x, chiffres): return x.map { FormatFR.decimal($0, chiffres: chiffres, groupes: false) } ?? ""
            case .vide: return ""
            }
        }
    }

    /// A record: fields quoted when they hold the separator, a quote, a line break or surrounding spaces (RFC 4180).
    static func ligne(_ cellules: [Cellule]) -> String {
        cellules.map { champ($0.valeur) }.joined(separator: String(separateur)) + "\r\n"
    }

    static func champ(_ v: String) -> String {
        let aCiter = v.contains(separateur) || v.contains("\"") || v.contains("\n") || v.contains("\r")
            || v.first == " " || v.last == " "
        guard aCiter else { return v }
        return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    static func part(_ n: Int, _ total: Int) -> Cellule { .taux(total == 0 ? nil : Double(n) / Double(total)) }
    static func ouiNon(_ b: Bool) -> Cellule { .texte(b ? "oui" : "non") }
    static func entier(_ n: Int?) -> Cellule { n.map(Cellule.entier) ?? .vide }

    /// Header and records of a table.
    static func contenu(_ i: Indicateurs, table: TableCSV) -> ([String], [[Cellule]]) {
        let noms = Libelles.nomsGuichets(i, guichets: [])
        switch table {
        case .synthese:
            return (["Indicateur", "Libellé", "Valeur", "Unité"], Libelles.synthese(i).map { s in
                [.texte(s.chemin), .texte(s.libelle), s.cellule, .texte(s.unite)]
            })
        case .objectifs:
            return (["Objectif", "Libellé", "Cible (%)", "Valeur (%)", "Atteint"], i.objectifs.map { o in
                [.texte(o.cle), .texte(o.libelle), .taux(o.cible), .taux(o.valeur), .texte(o.atteint.map { $0 ? "oui" : "non" } ?? "non mesuré")]
            })
        case .serie:
            return (["Période", "Début", "Visites", "Appels", "Rendez-vous", "Demandes enregistrées", "Renouvellements", "Pièces reçues"],
                    i.serie.map { p in
                        [.texte(p.libelle), .texte(p.debut.affichage), .entier(p.visites), .entier(p.appels), .entier(p.rendezVous),
                         .entier(p.enregistrees), .entier(p.renouvelees), .entier(p.piecesRecues)]
                    })
        case .guichets:
            return (["Code", "Guichet", "Code INSEE", "Commune", "Niveau", "Visites", "Appels", "Rendez-vous", "Demandes enregistrées",
                     "Renouvellements", "Modifications", "Radiations", "Pièces reçues", "Délai médian d'enregistrement (jours)",
                     "Demandes actives", "Sans proposition depuis 6 mois"],
                    i.parGuichet.map { g in
                        [.texte(g.code), .texte(g.nom), .texte(g.commune), .texte(Libelles.commune(g.commune)), .entier(g.niveau),
                         .entier(g.visites), .entier(g.appels), .entier(g.rendezVous), .entier(g.enregistrees), .entier(g.renouvelees),
                         .entier(g.modifiees), .entier(g.radiees), .entier(g.piecesRecues), entier(g.delaiMedianJours),
                         .entier(g.stockActif), .entier(g.sansPropositionSixMois)]
                    })
        case .anciennete:
            return (["Ancienneté", "Demandes actives", "Part (%)"], i.stock.parAnciennete.map { c in
                [.texte(c.libelle), .entier(c.nombre), part(c.nombre, i.stock.actives)]
            })
        case .typologie:
            return (["Typologie", "Demandes actives", "Part (%)"], i.stock.parTypologie.map { c in
                [.texte(Libelles.typologie(c.cle)), .entier(c.nombre), part(c.nombre, i.stock.actives)]
            })
        case .communes:
            return (["Code INSEE", "Commune", "Demandes actives", "Part (%)"], i.stock.parCommune.map { c in
                [.texte(c.cle == "?" ? "" : c.cle), .texte(Libelles.commune(c.cle)), .entier(c.nombre), part(c.nombre, i.stock.actives)]
            })
        case .delaisEnregistrement:
            let d = i.demandes.delaiEnregistrement
            return (["Délai entre dépôt et enregistrement", "Demandes enregistrées", "Part (%)", "Au-delà du délai légal d'un mois"],
                    zip(Delais.libellesTranches, d.tranches).enumerated().map { k, t in
                        [.texte(t.0), .entier(t.1), part(t.1, d.nombre), ouiNon(k >= Libelles.premiereTrancheHorsDelai)]
                    })
        case .sansProposition:
            return (["Numéro unique", "Guichet d'origine", "Nom du guichet", "Date de dépôt", "Ancienneté (mois)", "Typologie", "Code INSEE",
                     "Commune"],
                    i.stock.listeSansProposition.map { d in
                        [.texte(d.numeroUnique), .texte(d.guichetOrigine), .texte(noms[d.guichetOrigine] ?? ""), .texte(d.depot.affichage),
                         .entier(d.ancienneteMois), .texte(d.typologie.map(Libelles.typologie) ?? ""), .texte(d.commune ?? ""),
                         .texte(d.commune.map(Libelles.commune) ?? "")]
                    })
        case .radiations:
            return (["Motif", "Libellé", "Radiations"], Libelles.radiations(i).map { r in
                [.texte(r.code), .texte(r.libelle), .entier(r.nombre)]
            })
        case .offresAttente:
            return (["Typologie", "Code INSEE", "Commune", "Demandes satisfaites", "Attente moyenne (jours)", "Attente moyenne (mois)"],
                    i.offres.attenteSatisfaites.map { a in
                        [.texte(Libelles.typologie(a.typologie)), .texte(a.commune == "?" ? "" : a.commune), .texte(Libelles.commune(a.commune)),
                         .entier(a.nombre), .entier(a.moyenneJours), .decimal(Double(a.moyenneJours) / 30.4375, chiffres: 1)]
                    })
        case .reseau:
            return (["Code", "Guichet", "Niveau", "Appareils", "Dernière synchronisation (heure de Paris)", "Commandes en attente",
                     "Pièces en attente", "Horloge signalée"],
                    i.reseau.map { s in
                        [.texte(s.code), .texte(s.nom), .entier(s.niveau), .entier(s.appareils),
                         .texte(s.derniereSynchro.map(FormatFR.dateHeureCourte) ?? "jamais"), .entier(s.commandesEnAttente),
                         .entier(s.piecesEnAttente), ouiNon(s.horlogeSignalee)]
                    })
        }
    }
}
