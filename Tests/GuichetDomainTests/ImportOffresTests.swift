import Foundation
import GuichetDomain
import Testing

// The CSV import of the bailleurs' vacant dwellings, docs/OFFRES-CSV.md.
@Suite("Import CSV des offres")
struct ImportOffresTests {
    static let referentiel = try! ReferentielCommunes.chargerMetropole()
    static let jour = Jour(2026, 12, 1)!
    static let entete = ColonneOffre.enteteModele

    /// A valid line, with `valeurs` replacing the cells of their columns.
    static func ligne(_ valeurs: [ColonneOffre: String] = [:], separateur: String = ";") -> String {
        let defaut: [ColonneOffre: String] = [
            .reference: "R-1", .rpls: "", .communeInsee: "38185", .adresse: "1 place de la Gare", .typologie: "T3", .surface: "65",
            .loyer: "390,50", .charges: "95", .financement: "PLUS", .etage: "2", .ascenseur: "oui", .accessibilite: "aucun",
            .disponibleLe: "2026-12-15", .reservataire: "bailleur",
        ]
        return ColonneOffre.allCases.map { valeurs[$0] ?? defaut[$0]! }.joined(separator: separateur)
    }

    static func analyser(_ csv: String) -> ResultatImport {
        ImportOffres.analyser(csv, bailleur: "B0001", referentiel: referentiel, au: jour)
    }

    /// `entete` then `lignes`, LF-terminated.
    static func fichier(_ lignes: [String], entete: String = entete) -> String {
        ([entete] + lignes).map { $0 + "\n" }.joined()
    }

    static let exemple: String = {
        let racine = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try! String(contentsOf: racine.appendingPathComponent("docs/offres-exemple.csv"), encoding: .utf8)
    }()

    @Test("docs/offres-exemple.csv : 12 offres, aucune erreur")
    func exempleDocumente() throws {
        let resultat = Self.analyser(Self.exemple)
        #expect(resultat.erreurs == [])
        #expect(resultat.offres.map(\.ligne) == Array(2...13))
        let offres = resultat.offres.map(\.offre)
        #expect(Set(offres.map(\.referenceBailleur)).count == 12)
        #expect(offres.allSatisfy { $0.bailleur == "B0001" && Self.referentiel.commune(insee: $0.communeInsee) != nil })
        #expect(offres[0] == OffreImportee(
            referenceBailleur: "ACT-2026-0412", bailleur: "B0001", rpls: nil, communeInsee: "38185",
            adresse: "Galerie de l'Arlequin, montée 110", typologie: .t4, surface: 78, loyer: Euros(centimes: 405_60),
            charges: 168, financement: .plai, etage: 5, ascenseur: true, accessibilite: .aucun, disponibleLe: Jour(2026, 12, 15)!,
            reservataire: .etat))
        #expect(offres[1].rpls == "0000412377" && offres[1].disponibleLe == Jour(2027, 2, 1)! && offres[1].reservataire == .actionLogement)
        #expect(offres[2].adresse == #"Résidence "Les Alpins", 5 rue Jay"#)
        #expect(offres[4].adresse == "4 allée de la Convention; bâtiment C" && offres[4].accessibilite == .adapte)
        #expect(offres[7].reservataire == .collectivite)
        // Rents per m² as in domain.md §12.12: PLAI ~5.2, PLUS ~6.0, PLS ~9.0 €/m².
        let bornes: [Financement: ClosedRange<Int>] = [.plai: 450...600, .plus: 550...650, .pls: 800...1000]
        for offre in offres {
            #expect(bornes[offre.financement]!.contains(offre.loyer.centimes / offre.surface), "\(offre.referenceBailleur)")
        }
    }

    @Test("une ligne fausse : l'erreur nomme la ligne et la colonne, les autres lignes passent", arguments: [
        (ColonneOffre.communeInsee, "69123", "hors de la métropole"),
        (.communeInsee, "38000", "et non le code postal"),
        (.communeInsee, "grenoble", "est un nom de commune : indiquez son code INSEE, 38185"),
        (.typologie, "T7", "typologie « T7 » inconnue : CH (chambre), T1, T2, T3, T4, T5 ou T6"),
        (.surface, "-40", "surface « -40 » refusée : elle doit être supérieure à 0 m²"),
        (.surface, "65,5", "un nombre entier de m² est attendu, arrondi (ici 66)"),
        (.surface, "soixante", "surface « soixante » illisible"),
        (.loyer, "abc", "montant « abc » illisible : des euros avec au plus deux décimales"),
        (.loyer, "0,00", "loyer « 0,00 » nul"),
        (.loyer, "1.234,56", "sans séparateur de milliers"),
        (.charges, "-5", "montant « -5 » négatif"),
        (.charges, "12,345", "au plus deux décimales"),
        (.financement, "PLI", "financement « PLI » inconnu : PLAI, PLUS ou PLS"),
        (.etage, "-2", "étage « -2 » refusé"),
        (.etage, "premier", "étage « premier » illisible"),
        (.ascenseur, "peut-être", "oui ou non attendu"),
        (.accessibilite, "PMR", "accessibilité « PMR » inconnue : aucun, accessible ou adapte"),
        (.disponibleLe, "31/02/2027", "date « 31/02/2027 » inexistante"),
        (.disponibleLe, "2027/02/01", "date « 2027/02/01 » illisible : AAAA-MM-JJ ou JJ/MM/AAAA"),
        (.disponibleLe, "2025-11-30", "trop ancienne (plus d'un an avant le 01/12/2026)"),
        (.disponibleLe, "02/12/2028", "trop lointaine"),
        (.reservataire, "CAF", "réservataire « CAF » inconnu"),
        (.adresse, "  ", "valeur obligatoire manquante (exemple : 12 avenue Ambroise Croizat)"),
        (.reference, "", "valeur obligatoire manquante"),
        (.reference, String(repeating: "A", count: 101), "une seule ligne de 100 caractères au plus (ici 101)"),
    ])
    func ligneFausse(colonne: ColonneOffre, valeur: String, message: String) throws {
        var valeurs: [ColonneOffre: String] = [.reference: "R-2"]
        valeurs[colonne] = valeur
        let resultat = Self.analyser(Self.fichier([Self.ligne(), Self.ligne(valeurs)]))
        #expect(resultat.offres.map(\.ligne) == [2])
        let erreur = try #require(resultat.erreurs.first)
        #expect(resultat.erreurs.count == 1)
        #expect(erreur.ligne == 3 && erreur.colonne == colonne.rawValue)
        #expect(erreur.message.contains(message), "\(erreur.message)")
    }

    @Test("plusieurs colonnes fausses sur une ligne : toutes signalées ensemble, dans l'ordre du fichier")
    func plusieursErreurs() {
        let fausse = Self.ligne([.reference: "R-2", .communeInsee: "75056", .typologie: "T9", .loyer: "abc", .disponibleLe: "hier"])
        let resultat = Self.analyser(Self.fichier([Self.ligne(), fausse, Self.ligne([.reference: "R-3"])]))
        #expect(resultat.offres.map(\.ligne) == [2, 4])
        #expect(resultat.erreurs.map(\.ligne) == [3, 3, 3, 3])
        #expect(resultat.erreurs.map(\.colonne) == ["commune_insee", "typologie", "loyer", "disponible_le"])
    }

    @Test("valeurs tolérées : casse, accents, virgule ou point, m², RDC, JJ/MM/AAAA")
    func valeursTolerees() throws {
        let ligne = Self.ligne([
            .rpls: " 0000412377 ", .communeInsee: " 38421 ", .typologie: "f2", .surface: "46 m²", .loyer: "1 234,5 €",
            .charges: "78.4", .financement: "pla-i", .etage: "RDC", .ascenseur: "FALSE", .accessibilite: "Adapté",
            .disponibleLe: "5/3/2027", .reservataire: "État fonctionnaires",
        ])
        let offre = try #require(Self.analyser(Self.fichier([ligne])).offres.first).offre
        #expect(offre == OffreImportee(
            referenceBailleur: "R-1", bailleur: "B0001", rpls: "0000412377", communeInsee: "38421", adresse: "1 place de la Gare",
            typologie: .t2, surface: 46, loyer: Euros(centimes: 1_234_50), charges: Euros(centimes: 78_40), financement: .plai,
            etage: 0, ascenseur: false, accessibilite: .adapte, disponibleLe: Jour(2027, 3, 5)!, reservataire: .etatFonctionnaires))
    }

    @Test("réservataires : noms du modèle et libellés usuels", arguments: [
        ("etat", Reservataire.etat), ("ÉTAT", .etat), ("Préfecture", .etat), ("etatFonctionnaires", .etatFonctionnaires),
        ("Action Logement", .actionLogement), ("action_logement", .actionLogement), ("Collectivité", .collectivite),
        ("Mairie", .collectivite), ("bailleur", .bailleur),
    ])
    func reservataires(valeur: String, attendu: Reservataire) throws {
        let resultat = Self.analyser(Self.fichier([Self.ligne([.reservataire: valeur])]))
        #expect(try #require(resultat.offres.first).offre.reservataire == attendu)
    }

    @Test("référence en double : chaque ligne qui la porte est refusée et nomme les autres")
    func referenceEnDouble() {
        let resultat = Self.analyser(Self.fichier([
            Self.ligne([.reference: "A"]), Self.ligne([.reference: "A"]), Self.ligne([.reference: "B"]), Self.ligne([.reference: " A "]),
        ]))
        #expect(resultat.offres.map(\.ligne) == [4])
        #expect(resultat.erreurs.map(\.ligne) == [2, 3, 5])
        #expect(resultat.erreurs.allSatisfy { $0.colonne == "reference" })
        #expect(resultat.erreurs[0].message == "référence « A » en double, aussi ligne 3, 5 : chaque logement doit avoir sa propre référence dans le fichier")
        #expect(resultat.erreurs[2].message.contains("aussi ligne 2, 3"))
    }

    @Test("en-tête : colonne absente, inconnue et en double signalées ensemble en ligne 1, aucune offre")
    func enteteFautif() {
        let entete = "reference;commune_insee;adresse;typologie;surface;charges;financement;etage;ascenseur;accessibilite;disponible_le;reservataire;prix;Surface"
        let resultat = Self.analyser(Self.fichier(["R-1;38185;x;T3;65;95;PLUS;2;oui;aucun;2026-12-15;bailleur;400;65"], entete: entete))
        #expect(resultat.offres == [])
        #expect(resultat.erreurs.map(\.ligne) == [1, 1, 1])
        #expect(resultat.erreurs.map(\.colonne) == ["prix", "surface", "loyer"])
        #expect(resultat.erreurs[0].message.hasPrefix("colonne « prix » inconnue (position 13) : les colonnes sont reference, rpls, commune_insee"))
        #expect(resultat.erreurs[1].message == "colonne « surface » en double (positions 5 et 14) : gardez-en une seule")
        #expect(resultat.erreurs[2].message.hasPrefix("colonne obligatoire « loyer » absente de la ligne d'en-tête"))
    }

    @Test("séparateur tabulation : l'en-tête d'une seule colonne dit quels séparateurs sont acceptés")
    func tabulation() {
        let resultat = Self.analyser(Self.fichier([Self.ligne(separateur: "\t")], entete: Self.entete.replacingOccurrences(of: ";", with: "\t")))
        #expect(resultat.offres == [])
        #expect(resultat.erreurs.count == 14 && resultat.erreurs.allSatisfy { $0.ligne == 1 })
        #expect(resultat.erreurs[0].message.hasSuffix("le séparateur des colonnes doit être « ; » ou « , »"))
    }

    @Test("en-tête : ordre libre, casse et accents ignorés, rpls facultative")
    func enteteLibre() throws {
        let entete = "Réservataire;Disponible le;Accessibilité;Ascenseur;Étage;Financement;Charges;Loyer;Surface;Typologie;Adresse;Commune INSEE;RÉFÉRENCE"
        let ligne = "Action Logement;2027-01-10;accessible;oui;3;PLS;80;585;65;T3;2 rue Jay;38185;R-9"
        let offre = try #require(Self.analyser(Self.fichier([ligne], entete: entete)).offres.first).offre
        #expect(offre.referenceBailleur == "R-9" && offre.rpls == nil && offre.reservataire == .actionLogement && offre.etage == 3)
        #expect(offre.loyer == 585 && offre.financement == .pls && offre.disponibleLe == Jour(2027, 1, 10)!)
    }

    @Test("guillemets : séparateur, guillemets doublés et retour à la ligne dans une valeur ; les lignes suivantes gardent leur numéro")
    func guillemets() throws {
        let resultat = Self.analyser(Self.fichier([
            Self.ligne([.adresse: #""Bât. A; 3 rue ""du Lac""""#]),
            Self.ligne([.reference: "R-2", .adresse: "\"Résidence Le Lac\n4 rue Jay\""]),
            Self.ligne([.reference: "R-3", .loyer: "abc"]),
        ]))
        #expect(resultat.offres.map(\.offre.adresse) == [#"Bât. A; 3 rue "du Lac""#, "Résidence Le Lac\n4 rue Jay"])
        #expect(resultat.offres.map(\.ligne) == [2, 3])
        #expect(resultat.erreurs.map(\.ligne) == [5])
    }

    @Test("fins de ligne CRLF : même résultat qu'en LF, mêmes numéros de ligne")
    func crlf() {
        let lignes = [Self.ligne(), Self.ligne([.reference: "R-2", .adresse: "\"12 rue Jay\r\nBât. B\""]), Self.ligne([.reference: "R-3", .surface: "0"])]
        let lf = Self.analyser(Self.fichier(lignes))
        let crlf = Self.analyser(([Self.entete] + lignes).map { $0 + "\r\n" }.joined())
        #expect(crlf.offres.map(\.ligne) == [2, 3])
        #expect(crlf.offres[1].offre.adresse == "12 rue Jay\nBât. B")
        #expect(crlf.erreurs.map(\.ligne) == [5] && crlf.erreurs.map(\.colonne) == ["surface"])
        #expect(crlf == lf)
    }

    @Test("BOM UTF-8 en tête de fichier toléré")
    func bom() {
        let resultat = Self.analyser("\u{FEFF}" + Self.fichier([Self.ligne()]))
        #expect(resultat.erreurs == [] && resultat.offres.count == 1)
    }

    @Test("séparateur « , » détecté sur l'en-tête, décimales à point ou entre guillemets")
    func virgule() throws {
        let resultat = Self.analyser(Self.fichier(
            [
                Self.ligne([.adresse: "\"3 rue Jay, bât. B\"", .loyer: "390.50"], separateur: ","),
                Self.ligne([.reference: "R-2", .loyer: "\"412,37\""], separateur: ","),
            ], entete: Self.entete.replacingOccurrences(of: ";", with: ",")))
        #expect(resultat.erreurs == [])
        #expect(resultat.offres.map(\.offre.adresse) == ["3 rue Jay, bât. B", "1 place de la Gare"])
        #expect(resultat.offres.map(\.offre.loyer.centimes) == [390_50, 412_37])
    }

    @Test("nombre de valeurs différent de l'en-tête : une erreur pour la ligne entière")
    func largeur() {
        let resultat = Self.analyser(Self.fichier([
            Self.ligne([.adresse: "Bât. A; 3 rue Jay"]), Self.ligne([.reference: "R-2"]) + ";;", "R-3;;38185",
        ]))
        #expect(resultat.offres.map(\.ligne) == [3])
        #expect(resultat.erreurs == [
            ErreurLigne(ligne: 2, colonne: "", message: "15 valeurs au lieu de 14 : une valeur contient sans doute le séparateur : entourez-la de guillemets"),
            ErreurLigne(ligne: 4, colonne: "", message: "3 valeurs au lieu de 14 : chaque ligne doit avoir une valeur par colonne, même vide"),
        ])
    }

    @Test("lignes vides ignorées, en fin de fichier comme au milieu, numéros conservés")
    func lignesVides() {
        let resultat = Self.analyser(Self.fichier([Self.ligne(), "", ";;;;;;;;;;;;;", Self.ligne([.reference: "R-2"]), "", "  "]))
        #expect(resultat.erreurs == [])
        #expect(resultat.offres.map(\.ligne) == [2, 5])
    }

    @Test("fichier vide ou sans offre : une erreur de fichier en ligne 1", arguments: ["", "\n\n", "\u{FEFF}", Self.entete + "\n\n"])
    func fichierVide(csv: String) throws {
        let resultat = Self.analyser(csv)
        let erreur = try #require(resultat.erreurs.first)
        #expect(resultat.offres == [] && resultat.erreurs.count == 1)
        #expect(erreur.ligne == 1 && erreur.colonne == "")
        #expect(erreur.message.hasPrefix(csv.contains("reference") ? "aucune offre" : "fichier vide"))
    }

    @Test("guillemet jamais fermé : erreur à la ligne où il s'ouvre, les lignes d'avant passent")
    func guillemetOuvert() {
        let resultat = Self.analyser(Self.fichier([Self.ligne(), Self.ligne([.reference: "R-2", .adresse: "\"3 rue Jay"]), Self.ligne([.reference: "R-3"])]))
        #expect(resultat.offres.map(\.ligne) == [2])
        #expect(resultat.erreurs.map(\.ligne) == [3] && resultat.erreurs.map(\.colonne) == ["adresse"])
        #expect(resultat.erreurs[0].message.hasPrefix("guillemet ouvert jamais fermé"))
    }

    @Test("fichier non UTF-8 décodé avec remplacement : la colonne touchée le dit")
    func pasUTF8() {
        let latin1 = Array(Self.fichier([Self.ligne([.adresse: "3 rue de l'Église"])]).data(using: .isoLatin1)!)
        let resultat = Self.analyser(String(decoding: latin1, as: UTF8.self))
        #expect(resultat.erreurs.map(\.colonne) == ["adresse"])
        #expect(resultat.erreurs.first?.message.contains("enregistrez-le en « CSV UTF-8 »") == true)
    }

    @Test("réimport : l'offre stockée se compare à la ligne relue, seules les colonnes changées ressortent")
    func reimport() throws {
        let importee = try #require(Self.analyser(Self.fichier([Self.ligne()])).offres.first).offre
        let stockee = importee.offre(id: UUID(uuidString: "01970000-0000-7000-8000-0000000000AA")!, statut: .candidatsDesignes)
        #expect(stockee.statut == .candidatsDesignes && OffreImportee(offre: stockee) == importee)
        #expect(importee.colonnesModifiees(depuis: stockee) == [])
        let relue = try #require(Self.analyser(Self.fichier([Self.ligne([.loyer: "402", .rpls: "0000412377"])])).offres.first).offre
        #expect(relue.colonnesModifiees(depuis: stockee) == [.rpls, .loyer])
    }

    @Test("description d'une erreur : ligne, colonne, message")
    func description() {
        #expect(ErreurLigne(ligne: 4, colonne: "loyer", message: "m").description == "ligne 4, colonne loyer : m")
        #expect(ErreurLigne(ligne: 1, colonne: "", message: "fichier vide").description == "ligne 1 : fichier vide")
        #expect(ColonneOffre(entete: " Commune INSEE ") == .communeInsee && ColonneOffre(entete: "Disponible-le") == .disponibleLe)
    }
}
