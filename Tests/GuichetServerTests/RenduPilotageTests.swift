import Foundation
import GuichetDomain
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif
#if canImport(GuichetServer)
@testable import GuichetServer
#else
@testable import Rendu
#endif

/// The dashboard, login page and monthly report (Mustache templates), their SVG charts and CSV files, rendered from
/// hand-built figures: the `data-indicateur`/`data-valeur` contract against the JSON of `Indicateurs`, escaping,
/// sorting without script, French number formats and CSV quoting.
@Suite("Pilotage : rendu HTML, SVG et CSV")
struct RenduPilotageTests {
    static let script = "<script>alert(\"x\")</script>"
    /// 2026-11-20 10:00 Paris.
    static let maintenant = Date(timeIntervalSince1970: 1_795_165_200)

    /// Figures as `GET /v1/indicateurs` would return them (the types have no public memberwise init: JSON it is).
    static func indicateurs(provisoire: Bool = true) throws -> Indicateurs {
        let synchro = maintenant.timeIntervalSinceReferenceDate
        let json = """
            {
              "requete": {"du": "2026-10-01", "au": "2026-10-31", "pas": "semaine", "commune": "38185", "limiteListe": 50},
              "arreteALaSequence": 123456,
              "moisProvisoires": \(provisoire ? #"[{"mois": "2026-10", "enCours": false, "guichetsEnAttente": ["PERM1"]}]"# : "[]"),
              "accueil": {"visites": 12345, "appels": 678, "rendezVous": 90, "orientationsNiveau3": 7, "pmr": 3, "prioritesBloquees": 2},
              "demandes": {
                "enregistrees": 1500, "renouvelees": 230, "modifiees": 45, "piecesRecues": 800,
                "radiees": {"renonciation": 5, "nonReponse": 4, "irrecevabilite": 1, "nonRenouvellement": 12, "fusion": 0},
                "delaiEnregistrement": {"nombre": 1500, "medianeJours": 12, "p90Jours": 35, "partHorsDelai": 0.425, "tranches": [600, 400, 200, 200, 100]},
                "delaiPremierRendezVous": {"nombre": 0, "tranches": [0, 0, 0, 0, 0]}
              },
              "stock": {
                "actives": 4321,
                "parAnciennete": [{"cle": "moins6mois", "libelle": "moins de 6 mois", "nombre": 2000}, {"cle": "6a12mois", "libelle": "6 à 12 mois", "nombre": 1000},
                                  {"cle": "1a2ans", "libelle": "1 à 2 ans", "nombre": 800}, {"cle": "2a3ans", "libelle": "2 à 3 ans", "nombre": 321},
                                  {"cle": "3ansEtPlus", "libelle": "3 ans et plus", "nombre": 200}],
                "parTypologie": [{"cle": "CH", "libelle": "CH", "nombre": 21}, {"cle": "T2", "libelle": "T2", "nombre": 4000}, {"cle": "?", "libelle": "?", "nombre": 300}],
                "parCommune": [{"cle": "38185", "libelle": "38185", "nombre": 4000}, {"cle": "99999", "libelle": "99999", "nombre": 321}],
                "renouvellementsMoisSuivant": 87, "tauxCompletude": 0.9, "sansPropositionSixMois": 2,
                "listeSansProposition": [
                  {"numeroUnique": "038101234567890GRE01", "guichetOrigine": "GRE01", "depot": "2025-01-15", "ancienneteMois": 21, "typologie": "T3", "commune": "38185"},
                  {"numeroUnique": "038101234567891ECH01", "guichetOrigine": "ECH01", "depot": "2025-03-02", "ancienneteMois": 19}
                ]
              },
              "offres": {"publiees": 40, "avecCandidats": 17, "attribuees": 30, "tauxCouverture": 0.425, "tension": 4.2, "attributionsDouzeMois": 350,
                         "attenteSatisfaites": [{"typologie": "T2", "commune": "38185", "nombre": 12, "moyenneJours": 400}]},
              "qualite": {"sansRevenuFiscal": 11, "doublonsSuspects": 6},
              "reseau": [
                {"code": "ECH01", "nom": "Mairie d'Échirolles", "niveau": 2, "appareils": 2, "derniereSynchro": \(synchro - 3600), "commandesEnAttente": 0, "piecesEnAttente": 0, "horlogeSignalee": false},
                {"code": "PERM1", "nom": "Permanence mobile", "niveau": 2, "appareils": 1, "derniereSynchro": \(synchro - 12 * 86400), "commandesEnAttente": 14, "piecesEnAttente": 3, "horlogeSignalee": true}
              ],
              "parGuichet": [
                {"code": "ECH01", "nom": "Mairie d'Échirolles", "commune": "38151", "niveau": 2, "visites": 300, "appels": 20, "rendezVous": 5, "enregistrees": 40,
                 "renouvelees": 2, "modifiees": 1, "radiees": 0, "piecesRecues": 10, "delaiMedianJours": 9, "stockActif": 100, "sansPropositionSixMois": 1},
                {"code": "GRE01", "nom": "\(script.replacingOccurrences(of: "\"", with: "\\\""))", "commune": "38185", "niveau": 3, "visites": 12000, "appels": 650,
                 "rendezVous": 80, "enregistrees": 1450, "renouvelees": 228, "modifiees": 44, "radiees": 22, "piecesRecues": 790, "delaiMedianJours": 12,
                 "stockActif": 4200, "sansPropositionSixMois": 1},
                {"code": "PERM1", "nom": "Permanence; \\"mobile\\"", "commune": "38185", "niveau": 2, "visites": 45, "appels": 8, "rendezVous": 5,
                 "enregistrees": 10, "renouvelees": 0, "modifiees": 0, "radiees": 0, "piecesRecues": 0, "stockActif": 21, "sansPropositionSixMois": 0}
              ],
              "objectifs": [],
              "serie": [
                {"debut": "2026-09-28", "libelle": "sem. du 28/09/2026", "visites": 2000, "appels": 100, "rendezVous": 20, "enregistrees": 300, "renouvelees": 50, "piecesRecues": 100},
                {"debut": "2026-10-05", "libelle": "sem. du 05/10/2026", "visites": 3000, "appels": 150, "rendezVous": 20, "enregistrees": 350, "renouvelees": 60, "piecesRecues": 200},
                {"debut": "2026-10-12", "libelle": "sem. du 12/10/2026", "visites": 2500, "appels": 200, "rendezVous": 20, "enregistrees": 400, "renouvelees": 40, "piecesRecues": 250},
                {"debut": "2026-10-19", "libelle": "sem. du 19/10/2026", "visites": 2845, "appels": 128, "rendezVous": 15, "enregistrees": 250, "renouvelees": 40, "piecesRecues": 150},
                {"debut": "2026-10-26", "libelle": "sem. du 26/10/2026", "visites": 2000, "appels": 100, "rendezVous": 15, "enregistrees": 200, "renouvelees": 40, "piecesRecues": 100}
              ]
            }
            """
        var i = try JSONDecoder().decode(Indicateurs.self, from: Data(json.utf8))
        i.objectifs = Objectif.mesurer(i)
        return i
    }

    static let guichets = [
        Guichet(code: "ECH01", nom: "Mairie d'Échirolles", communeInsee: "38151", niveau: .deux, type: .communal),
        Guichet(code: "GRE01", nom: script, communeInsee: "38185", niveau: .trois, type: .communal),
        Guichet(code: "PERM1", nom: "Permanence mobile", communeInsee: "38185", niveau: .deux, type: .permanenceMobile),
    ]

    /// The headline figures the browser test reads.
    static let chemins = [
        "accueil.visites", "accueil.appels", "accueil.rendezVous", "accueil.orientationsNiveau3", "accueil.pmr", "accueil.prioritesBloquees",
        "demandes.enregistrees", "demandes.renouvelees", "demandes.modifiees", "demandes.piecesRecues", "demandes.delaiEnregistrement.medianeJours",
        "stock.actives", "stock.renouvellementsMoisSuivant", "stock.sansPropositionSixMois", "offres.publiees", "offres.avecCandidats",
        "offres.attribuees", "qualite.sansRevenuFiscal", "qualite.doublonsSuspects", "arreteALaSequence",
    ]

    static func rendu() throws -> RenduPilotage { try RenduPilotage.standard() }

    static func page(tri: String? = nil, provisoire: Bool = true) throws -> String {
        try rendu().tableauDeBord(try indicateurs(provisoire: provisoire), guichets: guichets, utilisateur: "agent \"test\" <b>", csrf: "jeton&csrf",
                                  tri: tri, maintenant: maintenant)
    }

    /// Every `data-indicateur="…" data-valeur="…"` of a page, by path (a path seen twice is recorded twice).
    static func indicateursAffiches(_ html: String) throws -> [String: [String]] {
        let motif = try NSRegularExpression(pattern: #"data-indicateur="([^"]+)" data-valeur="([^"]*)""#)
        var r: [String: [String]] = [:]
        let ns = html as NSString
        for m in motif.matches(in: html, range: NSRange(location: 0, length: ns.length)) {
            r[ns.substring(with: m.range(at: 1)), default: []].append(ns.substring(with: m.range(at: 2)))
        }
        return r
    }

    /// The value at a dotted path of the JSON of `i` (JSONEncoder's default keys).
    static func valeurJSON(_ i: Indicateurs, _ chemin: String) throws -> Any? {
        var objet: Any? = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(i))
        for cle in chemin.split(separator: ".") { objet = (objet as? [String: Any])?[String(cle)] }
        return objet
    }

    static func codesGuichets(_ html: String) throws -> [String] {
        let tableau = try #require(html.range(of: "id=\"tableau-guichets\"")).upperBound
        let fin = try #require(html.range(of: "</tbody>", range: tableau..<html.endIndex)).lowerBound
        let motif = try NSRegularExpression(pattern: #"<tr[^>]* data-guichet="([A-Z0-9]+)""#)
        let extrait = String(html[tableau..<fin])
        let ns = extrait as NSString
        return motif.matches(in: extrait, range: NSRange(location: 0, length: ns.length)).map { ns.substring(with: $0.range(at: 1)) }
    }

    /// Parses `texte` as XML; returns the parser's error, nil when well-formed.
    static func erreurXML(_ texte: String) -> String? {
        let parser = XMLParser(data: Data(texte.utf8))
        return parser.parse() ? nil : "\(parser.parserError.map { "\($0)" } ?? "?") ligne \(parser.lineNumber), colonne \(parser.columnNumber)"
    }

    @Test func lesChiffresClesPortentLeurCheminJSONEtLeurValeurBrute() throws {
        let i = try Self.indicateurs()
        let html = try Self.page()
        let affiches = try Self.indicateursAffiches(html)
        for chemin in Self.chemins {
            let valeurs = affiches[chemin] ?? []
            #expect(valeurs.count == 1, "\(chemin) : \(valeurs.count) élément(s) data-indicateur")
            let attendu = try #require(try Self.valeurJSON(i, chemin) as? NSNumber, "\(chemin) absent du JSON")
            #expect(valeurs.first == attendu.stringValue, "\(chemin) : \(valeurs) au lieu de \(attendu)")
        }
        // Every path on the page exists in the JSON, with the same value (rates as JSON numbers, null as "").
        for (chemin, valeurs) in affiches {
            let v = try Self.valeurJSON(i, chemin)
            #expect(valeurs.count == 1, "\(chemin) affiché \(valeurs.count) fois")
            if let n = v as? NSNumber {
                #expect(Double(valeurs[0]) == n.doubleValue, "\(chemin) : \(valeurs[0]) au lieu de \(n)")
            } else {
                #expect(v == nil || v is NSNull, "\(chemin) n'est pas un nombre du JSON")
                #expect(valeurs[0] == "", "\(chemin) : null attendu")
            }
        }
        // The visible text is French: thousands with a narrow no-break space, decimal comma, "%" after a no-break space.
        #expect(html.contains("data-valeur=\"12345\">12\u{202F}345</dd>"))
        #expect(html.contains("data-valeur=\"123456\">123\u{202F}456</strong>"))
        #expect(html.contains("data-indicateur=\"offres.tauxCouverture\" data-valeur=\"0.425\">42,5\u{00A0}%</dd>"))
        #expect(html.contains("data-indicateur=\"demandes.delaiEnregistrement.medianeJours\" data-valeur=\"12\">12\u{00A0}jours</dd>"))
        #expect(html.contains("data-indicateur=\"demandes.delaiPremierRendezVous.medianeJours\" data-valeur=\"\">—</dd>"))
        #expect(html.contains("01/10/2026") && html.contains("31/10/2026"))
    }

    @Test func laPageEstBienFormeeEtSansRessourceExterne() throws {
        let html = try Self.page()
        #expect(Self.erreurXML(html) == nil, "\(Self.erreurXML(html) ?? "")")
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("<html lang=\"fr\">"))
        #expect(!html.contains("<script"))
        for externe in ["<link", " src=", "@import", "url(http", "url(/", "//fonts"] { #expect(!html.contains(externe), "aucune ressource externe : \(externe)") }
        #expect(!html.contains("{{"), "balise Mustache non remplacée")
        // Ids are unique (labels, aria-labelledby and anchors point at them).
        let ids = try NSRegularExpression(pattern: #" id="([^"]+)""#).matches(in: html, range: NSRange(location: 0, length: (html as NSString).length))
            .map { (html as NSString).substring(with: $0.range(at: 1)) }
        #expect(Set(ids).count == ids.count, "identifiants en double : \(Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted())")
        for ancre in ["objectifs", "accueil", "demandes", "stock", "offres", "qualite", "reseau", "evolution", "par-guichet"] {
            #expect(html.contains("<a href=\"#\(ancre)\">") && ids.contains(ancre), "sommaire : \(ancre)")
        }
        // Filters form (GET), logout form (POST with the CSRF token, escaped).
        #expect(html.contains("<form class=\"filtres carte\" method=\"get\" action=\"/pilotage\">"))
        for nom in ["du", "au", "pas", "commune", "niveau", "guichet"] { #expect(html.contains("name=\"\(nom)\""), "champ \(nom)") }
        #expect(html.contains("<input type=\"date\" id=\"filtre-du\" name=\"du\" value=\"2026-10-01\""))
        #expect(html.contains("<option value=\"38185\" selected=\"selected\">Grenoble</option>"), "commune nommée et choisie")
        #expect(html.contains("<option value=\"semaine\" selected=\"selected\">Par semaine</option>"))
        #expect(html.contains("<form method=\"post\" action=\"/pilotage/deconnexion\"><input type=\"hidden\" name=\"csrf\" value=\"jeton&amp;csrf\"/>"))
        // Provisional banner naming the guichet that has not synced.
        #expect(html.contains("Chiffres provisoires"))
        #expect(html.contains("Octobre 2026 : Permanence mobile (PERM1) n&#39;a pas synchronisé depuis la fin du mois."))
        #expect(!(try Self.page(provisoire: false)).contains("Chiffres provisoires"))
        // Each chart: an accessible SVG, its table and its CSV link with the same filters.
        for (table, graphique) in [("delais-enregistrement", "graphique-delais"), ("anciennete", "graphique-anciennete"), ("serie", "graphique-activite")] {
            #expect(html.contains("href=\"/pilotage/csv/\(table)?du=2026-10-01&amp;au=2026-10-31&amp;pas=semaine&amp;commune=38185\""), "CSV \(table)")
            #expect(html.contains("aria-labelledby=\"\(graphique)-titre \(graphique)-desc\""))
        }
        #expect(html.components(separatedBy: ">Télécharger (CSV)</a>").count - 1 >= 10)
        #expect(html.contains("Délai légal : 30 jours"))
        // The guichet silent for 12 days is highlighted.
        #expect(html.contains("<tr class=\"alerte\" data-guichet=\"PERM1\">"))
        #expect(html.contains("Pas de synchronisation depuis plus de 7 jours"))
        #expect(!html.contains("<tr class=\"alerte\" data-guichet=\"ECH01\">"))
    }

    @Test func leTexteDynamiqueEstEchappe() throws {
        let html = try Self.page()
        #expect(!html.contains(Self.script))
        #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
        #expect(html.contains("agent &quot;test&quot; &lt;b&gt;"))
        let rapport = try Self.rendu().rapportMensuel(try Self.indicateurs(), guichets: Self.guichets, mois: "2026-10", genereLe: Self.maintenant)
        #expect(!rapport.contains(Self.script))
        #expect(rapport.contains("&lt;script&gt;"))
        let connexion = try Self.rendu().connexion(erreur: "<i>non</i>", login: "\"><script>", csrf: "a\"b")
        #expect(!connexion.contains("<i>non</i>") && !connexion.contains("\"><script>"))
        #expect(connexion.contains("&lt;i&gt;non&lt;/i&gt;"))
        #expect(connexion.contains("value=\"a&quot;b\""))
    }

    @Test func leTableauParGuichetSeTrieSansScript() throws {
        #expect(try Self.codesGuichets(try Self.page()) == ["ECH01", "GRE01", "PERM1"])
        #expect(try Self.codesGuichets(try Self.page(tri: "visites")) == ["PERM1", "ECH01", "GRE01"])
        #expect(try Self.codesGuichets(try Self.page(tri: "-visites")) == ["GRE01", "ECH01", "PERM1"])
        // No delay measured: last in both directions.
        #expect(try Self.codesGuichets(try Self.page(tri: "delaiMedianJours")) == ["ECH01", "GRE01", "PERM1"])
        #expect(try Self.codesGuichets(try Self.page(tri: "-delaiMedianJours")) == ["GRE01", "ECH01", "PERM1"])
        // Names sort in French, accents ignored (É as E); unknown columns fall back to the code.
        #expect(try Self.codesGuichets(try Self.page(tri: "-nom")) == ["PERM1", "ECH01", "GRE01"])
        #expect(try Self.codesGuichets(try Self.page(tri: "inconnue")) == ["ECH01", "GRE01", "PERM1"])

        let html = try Self.page(tri: "visites")
        #expect(html.contains("<th scope=\"col\" class=\"nombre\" aria-sort=\"ascending\"><a href=\"/pilotage?du=2026-10-01&amp;au=2026-10-31&amp;pas=semaine&amp;commune=38185&amp;tri=-visites#par-guichet\""))
        #expect(html.contains("href=\"/pilotage?du=2026-10-01&amp;au=2026-10-31&amp;pas=semaine&amp;commune=38185&amp;tri=appels#par-guichet\""))
        #expect(html.contains("<input type=\"hidden\" name=\"tri\" value=\"visites\"/>"), "le formulaire garde le tri")
        let descendant = try Self.page(tri: "-visites")
        #expect(descendant.contains("aria-sort=\"descending\"><a href=\"/pilotage?du=2026-10-01&amp;au=2026-10-31&amp;pas=semaine&amp;commune=38185&amp;tri=visites#par-guichet\""))
        #expect(descendant.components(separatedBy: "aria-sort=").count == 2)
    }

    @Test func lesGraphiquesSontDuSVGBienForme() throws {
        let piege = "Titre <&> \"guillemets\" 'apostrophe'"
        let barres = GraphiqueSVG.barres(id: "g1", titre: piege, categories: ["a < b", "c & d", "46 j et plus"], valeurs: [3, 0, 12_345],
                                         repere: .init(avantCategorie: 2, libelle: "Délai légal : 30 jours", libelleEnDeca: "Dans le délai",
                                                       libelleAuDela: "Au-delà"))
        let courbes = GraphiqueSVG.evolution(id: "g2", titre: piege, periodes: (1...40).map { "p\($0)" },
                                             series: [.init(nom: "Visites <b>", valeurs: Array(0..<40)), .init(nom: "Appels", valeurs: Array(repeating: 5, count: 40))])
        let groupees = GraphiqueSVG.evolution(id: "g3", titre: "Mois", periodes: ["10/2026", "11/2026"],
                                              series: [.init(nom: "Visites", valeurs: [1, 2]), .init(nom: "Appels", valeurs: [3, 4])])
        let vides = [GraphiqueSVG.barres(id: "g4", titre: "Vide", categories: [], valeurs: []),
                     GraphiqueSVG.evolution(id: "g5", titre: "Vide", periodes: [], series: [])]
        for svg in [barres, courbes, groupees] + vides {
            #expect(Self.erreurXML(svg) == nil, "\(Self.erreurXML(svg) ?? "") : \(svg.prefix(300))")
            #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
            #expect(svg.contains("role=\"img\"") && svg.contains("viewBox=\"0 0 "))
        }
        #expect(barres.contains("<title id=\"g1-titre\">Titre &lt;&amp;&gt; &quot;guillemets&quot; &#39;apostrophe&#39;</title>"))
        #expect(barres.contains("aria-labelledby=\"g1-titre g1-desc\""))
        #expect(barres.contains(">12\u{202F}345</text>"), "valeur au-dessus de la barre")
        #expect(barres.contains("stroke-dasharray"), "repère du délai légal")
        #expect(courbes.contains("<polyline") && !courbes.contains("Visites <b>"))
        #expect(groupees.contains("<rect") && !groupees.contains("<polyline"))
        #expect(vides[0].contains("Aucune donnée sur la période"))
        // The charts of the page, one by one.
        let html = try Self.page()
        var reste = html[...]
        var n = 0
        while let debut = reste.range(of: "<svg "), let fin = reste.range(of: "</svg>", range: debut.upperBound..<reste.endIndex) {
            let svg = String(reste[debut.lowerBound..<fin.upperBound])
            #expect(Self.erreurXML(svg) == nil)
            n += 1
            reste = reste[fin.upperBound...]
        }
        #expect(n == 4)
    }

    @Test func lesCSVSontAuFormatFrancais() throws {
        let i = try Self.indicateurs()
        let guichets = CSVPilotage.csv(i, table: .guichets)
        #expect(guichets.hasPrefix("\u{FEFF}Code;Guichet;Code INSEE;Commune;Niveau;Visites;"))
        let lignes = guichets.dropFirst().components(separatedBy: "\r\n")
        #expect(lignes.count == 5 && lignes.last == "", "en-tête, 3 guichets, CRLF final")
        #expect(lignes[2].hasPrefix("GRE01;\"<script>alert(\"\"x\"\")</script>\";38185;Grenoble;3;12000;650;"))
        #expect(lignes[3].hasPrefix("PERM1;\"Permanence; \"\"mobile\"\"\";38185;Grenoble;2;45;"))
        #expect(lignes[3].contains(";;21;0"), "délai inconnu : champ vide")
        #expect(lignes[1].hasPrefix("ECH01;Mairie d'Échirolles;38151;Échirolles;2;300;"))

        let synthese = CSVPilotage.csv(i, table: .synthese, bom: false)
        #expect(synthese.hasPrefix("Indicateur;Libellé;Valeur;Unité\r\n"))
        #expect(synthese.contains("\r\noffres.tauxCouverture;Taux de couverture des offres publiées;42,5;%\r\n"))
        #expect(synthese.contains("\r\noffres.tension;Tension (demandes actives par attribution sur 12 mois);4,20;demandes par attribution\r\n"))
        #expect(synthese.contains("\r\naccueil.visites;Visites;12345;\r\n"), "entiers sans séparateur de milliers")
        #expect(synthese.contains("\r\ndemandes.delaiPremierRendezVous.medianeJours;Délai médian entre enregistrement et premier rendez-vous;;jours\r\n"))

        let delais = CSVPilotage.csv(i, table: .delaisEnregistrement, bom: false)
        #expect(delais.contains("\r\n31 à 45 j;200;13,3;oui\r\n"))
        #expect(delais.contains("\r\n0 à 7 j;600;40,0;non\r\n"))
        let sans = CSVPilotage.csv(i, table: .sansProposition, bom: false)
        #expect(sans.contains("\r\n038101234567890GRE01;GRE01;\"<script>alert(\"\"x\"\")</script>\";15/01/2025;21;T3;38185;Grenoble\r\n"))
        #expect(CSVPilotage.csv(i, table: .reseau, bom: false).contains(";oui\r\n"))
        #expect(CSVPilotage.champ("=1+1") == "=1+1" && CSVPilotage.Cellule.texte("=1+1").valeur == "'=1+1", "pas de formule")
        for table in TableCSV.allCases {
            let csv = CSVPilotage.csv(i, table: table, bom: false)
            #expect(csv.hasSuffix("\r\n") && !csv.contains("\n\n"), "\(table)")
            #expect(TableCSV(rawValue: table.rawValue) == table)
        }
        #expect(TableCSV.delaisEnregistrement.rawValue == "delais-enregistrement" && TableCSV.sansProposition.rawValue == "sans-proposition")
    }

    @Test func formatsFrancais() {
        #expect(FormatFR.entier(0) == "0")
        #expect(FormatFR.entier(1234567) == "1\u{202F}234\u{202F}567")
        #expect(FormatFR.entier(-1500) == "−1\u{202F}500")
        #expect(FormatFR.pourcentage(0.425) == "42,5\u{00A0}%")
        #expect(FormatFR.pourcentage(1) == "100,0\u{00A0}%")
        #expect(FormatFR.pourcentage(nil) == "—")
        #expect(FormatFR.decimal(4.25, chiffres: 1) == "4,3")
        #expect(FormatFR.jours(1) == "1\u{00A0}jour" && FormatFR.jours(12) == "12\u{00A0}jours")
        #expect(FormatFR.mois("2026-08") == "août 2026")
        #expect(FormatFR.dateHeure(Date(timeIntervalSince1970: 1_790_000_000)) == "21/09/2026 à 16:13")
    }

    @Test func laPageDeConnexion() throws {
        let sans = try Self.rendu().connexion(erreur: nil, login: nil, csrf: "abc")
        #expect(Self.erreurXML(sans) == nil, "\(Self.erreurXML(sans) ?? "")")
        #expect(sans.contains("<form method=\"post\" action=\"/pilotage/connexion\">"))
        #expect(sans.contains("<input type=\"hidden\" name=\"csrf\" value=\"abc\"/>"))
        #expect(sans.contains("<label for=\"login\">Identifiant</label><input type=\"text\" id=\"login\" name=\"login\" value=\"\""))
        #expect(sans.contains("<label for=\"motDePasse\">Mot de passe</label><input type=\"password\" id=\"motDePasse\" name=\"motDePasse\""))
        #expect(sans.contains("<div id=\"message-erreur\" role=\"alert\"></div>"))
        #expect(!sans.contains("aria-invalid"))
        let avec = try Self.rendu().connexion(erreur: "Identifiant ou mot de passe incorrect.", login: "marie.durand", csrf: "abc")
        #expect(avec.contains("role=\"alert\"><p class=\"erreur\">Identifiant ou mot de passe incorrect.</p></div>"))
        #expect(avec.contains("value=\"marie.durand\""))
        #expect(avec.contains("aria-invalid=\"true\""))
        #expect(avec.contains("<title>Erreur — Connexion"))
    }

    @Test func leRapportMensuel() throws {
        let rendu = try Self.rendu()
        let provisoire = rendu.rapportMensuel(try Self.indicateurs(), guichets: Self.guichets, mois: "2026-10", genereLe: Self.maintenant)
        #expect(Self.erreurXML(provisoire) == nil, "\(Self.erreurXML(provisoire) ?? "")")
        #expect(provisoire.contains("<h1>Rapport mensuel — octobre 2026</h1>"))
        #expect(provisoire.contains("<p class=\"mention-provisoire\">Mois provisoire</p>"))
        #expect(provisoire.contains("data-indicateur=\"offres.tauxCouverture\" data-valeur=\"0.425\">42,5\u{00A0}%</dd>"))
        #expect(provisoire.contains("data-indicateur=\"demandes.enregistrees\" data-valeur=\"1500\""))
        #expect(provisoire.contains("data-guichet=\"GRE01\""))
        #expect(!provisoire.contains("/pilotage/csv/") && !provisoire.contains("<link") && !provisoire.contains(" src="), "document autonome")
        #expect(provisoire.components(separatedBy: "<svg ").count - 1 == 3)
        let definitif = rendu.rapportMensuel(try Self.indicateurs(provisoire: false), guichets: Self.guichets, mois: "2026-10", genereLe: Self.maintenant)
        #expect(!definitif.contains("Mois provisoire") && !definitif.contains("mois provisoire"))
    }

    @Test func lesGabaritsSeChargentDepuisUnDossier() throws {
        let dossier = try RenduPilotage.repertoireStandard()
        let rendu = try RenduPilotage(repertoire: dossier)
        #expect(rendu.connexion(erreur: nil, login: nil, csrf: "x").contains("/pilotage/connexion"))
        let vide = FileManager.default.temporaryDirectory.appendingPathComponent("gabarits-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: vide, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: vide) }
        #expect(throws: ErreurRenduPilotage.self) { try RenduPilotage(repertoire: vide.path) }
        #expect(throws: ErreurRenduPilotage.self) { try RenduPilotage(repertoire: vide.appendingPathComponent("absent").path) }
    }
}
