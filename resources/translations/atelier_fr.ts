<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <location filename="../../desktop/ui/about_dialog.py" line="+34"/>
        <source>About Atelier</source>
        <translation>À propos d’Atelier</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Atelier %1</source>
        <translation>Atelier %1</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your freelance marketplace, fast and offline-first.</source>
        <translation>Votre place de marché freelance, rapide et utilisable hors ligne.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Qt</source>
        <translation>Qt</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Python</source>
        <translation>Python</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>System</source>
        <translation>Système</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Offline copy</source>
        <translation>Copie hors ligne</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logs</source>
        <translation>Journaux</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Licence</source>
        <translation>Licence</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 License</source>
        <translation>Licence %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Built with</source>
        <translation>Conçu avec</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Qt for Python (PySide6), under the LGPL v3</source>
        <translation>Qt for Python (PySide6), sous licence LGPL v3</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy details</source>
        <translation>Copier les détails</translation>
    </message>
</context>
<context>
    <name>AccountDialogs</name>
    <message>
        <location filename="../../desktop/ui/signin.py" line="+542"/>
        <source>Sign out</source>
        <translation>Se déconnecter</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign out of %1?</source>
        <translation>Se déconnecter de %1&#xa0;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the offline copy of your jobs, proposals, messages and earnings on this computer? Keeping it makes the next sign-in instant; removing it deletes it from this computer.</source>
        <translation>Garder sur cet ordinateur la copie hors ligne de vos missions, propositions, messages et revenus&#xa0;? La garder rend la prochaine connexion instantanée&#xa0;; la supprimer l’efface de cet ordinateur.</translation>
    </message>
    <message numerus="yes">
        <location line="+4"/>
        <source>%n action(s) not sent yet will be lost if you remove it.</source>
        <translation>
            <numerusform>%n action pas encore envoyée sera perdue si vous la supprimez.</numerusform>
            <numerusform>%n actions pas encore envoyées seront perdues si vous la supprimez.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign out, keep offline copy</source>
        <translation>Se déconnecter et garder la copie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign out and remove it</source>
        <translation>Se déconnecter et la supprimer</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Switch account</source>
        <translation>Changer de compte</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n action(s) from %1 not sent yet.</source>
        <translation>
            <numerusform>%n action de %1 n’est pas encore envoyée.</numerusform>
            <numerusform>%n actions de %1 ne sont pas encore envoyées.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>They stay queued on this computer and go out the next time you open this account.</source>
        <translation>Elles restent en attente sur cet ordinateur et partiront à la prochaine ouverture de ce compte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Switch anyway</source>
        <translation>Changer quand même</translation>
    </message>
</context>
<context>
    <name>Application</name>
    <message>
        <location filename="../../desktop/app.py" line="+106"/>
        <source>Upwork demo</source>
        <translation>Démo Upwork</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Demo marketplace</source>
        <translation>Place de marché de démonstration</translation>
    </message>
</context>
<context>
    <name>Attachments</name>
    <message>
        <location filename="../../desktop/ui/attachments.py" line="+57"/>
        <source>FILE</source>
        <translation>FICHIER</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>%1 · uploading %2 %</source>
        <translation>%1 · envoi %2&#xa0;%</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · downloading %2 %</source>
        <translation>%1 · réception %2&#xa0;%</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 · waiting to upload</source>
        <translation>%1 · en attente d’envoi</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · refused</source>
        <translation>%1 · refusé</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save as…</source>
        <translation>Enregistrer sous…</translation>
    </message>
</context>
<context>
    <name>AttentionBanner</name>
    <message>
        <location filename="../../desktop/ui/attention.py" line="+190"/>
        <source>Review</source>
        <translation>Voir</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n message(s) could not be sent and need(s) your attention.</source>
        <translation>
            <numerusform>%n message n’a pas pu être envoyé et demande votre attention.</numerusform>
            <numerusform>%n messages n’ont pas pu être envoyés et demandent votre attention.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n proposal action(s) need(s) your attention.</source>
        <translation>
            <numerusform>%n action sur vos propositions demande votre attention.</numerusform>
            <numerusform>%n actions sur vos propositions demandent votre attention.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n saved search change(s) need(s) your attention.</source>
        <translation>
            <numerusform>%n modification de recherche enregistrée demande votre attention.</numerusform>
            <numerusform>%n modifications de recherches enregistrées demandent votre attention.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>AttentionDialog</name>
    <message>
        <location line="-152"/>
        <source>Message to %1</source>
        <translation>Message à %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposal for “%1”</source>
        <translation>Proposition pour «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved search “%1”</source>
        <translation>Recherche enregistrée «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Deleting the saved search “%1”</source>
        <translation>Suppression de la recherche enregistrée «&#xa0;%1&#xa0;»</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawing a proposal (%1)</source>
        <translation>Retrait d’une proposition (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declining an invitation (%1)</source>
        <translation>Refus d’une invitation (%1)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>An action (%1)</source>
        <translation>Une action (%1)</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+4"/>
        <source>Needs your attention</source>
        <translation>À traiter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The marketplace refused these. Nothing of what you wrote is lost: send it again, edit it, copy it, or discard it.</source>
        <translation>La place de marché a refusé ceci. Rien de ce que vous avez écrit n’est perdu&#xa0;: renvoyez-le, modifiez-le, copiez-le ou abandonnez-le.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Some of these the marketplace refused; others Atelier kept back when its local cache was damaged, with as much of your text as it could read. Send them again, edit, copy or discard them.</source>
        <translation>La place de marché a refusé certains de ces éléments&#xa0;; Atelier a retenu les autres quand son cache local a été endommagé, avec tout ce qu’il a pu lire de votre texte. Renvoyez-les, modifiez-les, copiez-les ou abandonnez-les.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Nothing needs your attention.</source>
        <translation>Rien à traiter.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Refused %1: %2</source>
        <translation>Refusé %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Kept %1: %2</source>
        <translation>Retenu %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>no reason given</source>
        <translation>sans raison donnée</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Copy text</source>
        <translation>Copier le texte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard</source>
        <translation>Abandonner</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Edit and send again</source>
        <translation>Modifier et renvoyer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send again</source>
        <translation>Renvoyer</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../../desktop/ui/palette.py" line="+46"/>
        <source>Recent</source>
        <translation>Récents</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go to</source>
        <translation>Aller à</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Commands</source>
        <translation>Commandes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Conversations</source>
        <translation>Conversations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobs</source>
        <translation>Missions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved searches</source>
        <translation>Recherches enregistrées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposals</source>
        <translation>Propositions</translation>
    </message>
    <message>
        <location line="+104"/>
        <source>Go to anything</source>
        <translation>Aller n’importe où</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Jump to a pane, a conversation, a job, a saved search…</source>
        <translation>Aller à un volet, une conversation, une mission, une recherche enregistrée…</translation>
    </message>
</context>
<context>
    <name>ContractCard</name>
    <message>
        <location filename="../../desktop/ui/contracts_view.py" line="+184"/>
        <source>Hourly</source>
        <translation>À l’heure</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Fixed price</source>
        <translation>Prix fixe</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>since %1</source>
        <translation>depuis le %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 to %2</source>
        <comment>a contract&apos;s dates</comment>
        <translation>du %1 au %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Open conversation</source>
        <translation>Ouvrir la conversation</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Messages with %1</source>
        <translation>Messages avec %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No conversation with this client in Atelier yet</source>
        <translation>Pas encore de conversation avec ce client dans Atelier</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>%1 an hour</source>
        <translation>%1 de l’heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>limit %1 h a week</source>
        <translation>limite de %1 h par semaine</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Hours this week</source>
        <translation>Heures cette semaine</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 of %2 h this week</source>
        <translation>%1 h sur %2 cette semaine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h this week</source>
        <translation>%1 h cette semaine</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 (%2 before fees)</source>
        <comment>hours, then their amount</comment>
        <translation>%1 (%2 avant frais)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Budget %1</source>
        <translation>Budget %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 paid</source>
        <translation>%1 payés</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 funded, on its way</source>
        <translation>%1 financés, en cours</translation>
    </message>
</context>
<context>
    <name>ContractsView</name>
    <message>
        <location line="+43"/>
        <source>Contracts are not available here</source>
        <translation>Les contrats ne sont pas disponibles ici</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not let Atelier read your contracts and milestones. They are on its website; your earnings are here as usual.</source>
        <translation>%1 ne permet pas à Atelier de lire vos contrats et leurs jalons. Ils sont sur son site&#xa0;; vos revenus restent ici comme d’habitude.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No contracts yet</source>
        <translation>Aucun contrat pour l’instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>When a client hires you, the contract shows here: hours against the weekly limit, or milestones and their payments.</source>
        <translation>Quand un client vous engage, le contrat s’affiche ici&#xa0;: les heures face à la limite hebdomadaire, ou les jalons et leurs paiements.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Ended</source>
        <translation>Terminés</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No contract is running now.</source>
        <translation>Aucun contrat en cours.</translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n active contract(s)</source>
        <translation>
            <numerusform>%n contrat actif</numerusform>
            <numerusform>%n contrats actifs</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 h logged this week</source>
        <translation>%1 h enregistrées cette semaine</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>next milestone due %1</source>
        <translation>prochain jalon attendu le %1</translation>
    </message>
</context>
<context>
    <name>EarningsPane</name>
    <message>
        <location filename="../../desktop/ui/earnings_pane.py" line="+266"/>
        <source>Earnings</source>
        <translation>Revenus</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Overview</source>
        <translation>Vue d’ensemble</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contracts</source>
        <translation>Contrats</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Work in progress</source>
        <translation>Travail en cours</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Active contracts</source>
        <translation>Contrats actifs</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In review</source>
        <translation>En vérification</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Client reviewing</source>
        <translation>Chez le client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Security period</source>
        <translation>Période de sécurité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ready to withdraw</source>
        <translation>Prêt à retirer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Lifetime</source>
        <translation>Depuis le début</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Net earned</source>
        <translation>Total net</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Becomes available, by week</source>
        <translation>Disponible bientôt, par semaine</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Net earnings, last 12 months</source>
        <translation>Revenus nets, 12 derniers mois</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Transactions</source>
        <translation>Transactions</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show one calendar year, with its totals</source>
        <translation>Afficher une année civile et ses totaux</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Export</source>
        <translation>Exporter</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Transactions as CSV…</source>
        <translation>Transactions en CSV…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yearly totals as CSV…</source>
        <translation>Totaux annuels en CSV…</translation>
    </message>
    <message numerus="yes">
        <location line="+108"/>
        <source>%1 in %n week(s)</source>
        <translation>
            <numerusform>%1 en %n semaine</numerusform>
            <numerusform>%1 en %n semaines</numerusform>
        </translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 on %2</source>
        <translation>%1 le %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 later</source>
        <translation>%1 ensuite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Becomes available: %1</source>
        <translation>Disponible bientôt&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>All years</source>
        <translation>Toutes les années</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Gross %1</source>
        <translation>Brut %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>platform fees %1</source>
        <translation>commissions de la plateforme %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>net %1</source>
        <translation>net %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>withdrawn %1</source>
        <translation>retiré %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>refunds and adjustments %1</source>
        <translation>remboursements et ajustements %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1: %2</source>
        <comment>a year: its totals</comment>
        <translation>%1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Export as CSV</source>
        <translation>Exporter en CSV</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>CSV files (*.csv)</source>
        <translation>Fichiers CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <location line="+18"/>
        <source>%n transaction(s) exported to %1</source>
        <translation>
            <numerusform>%n transaction exportée dans %1</numerusform>
            <numerusform>%n transactions exportées dans %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%n year(s) of totals exported to %1</source>
        <translation>
            <numerusform>%n année de totaux exportée dans %1</numerusform>
            <numerusform>%n années de totaux exportées dans %1</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Export failed: %1</source>
        <translation>Échec de l’export&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+73"/>
        <source>Becomes available</source>
        <translation>Disponible bientôt</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Week of %1: %2</source>
        <translation>Semaine du %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing becomes available that week</source>
        <translation>Rien ne devient disponible cette semaine-là</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 on %2</source>
        <comment>an amount on a day</comment>
        <translation>%1 le %2</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>(%n payment(s))</source>
        <translation>
            <numerusform>(%n paiement)</numerusform>
            <numerusform>(%n paiements)</numerusform>
        </translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Up to date</source>
        <translation>À jour</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Updated %1</source>
        <translation>Mis à jour %1</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Your money last changed %1</source>
        <translation>Dernier mouvement d’argent %1</translation>
    </message>
    <message>
        <location line="-230"/>
        <location line="+219"/>
        <source>Waiting for first sync…</source>
        <translation>En attente de la première synchronisation…</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>%1 in 12 months</source>
        <translation>%1 en 12 mois</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>transaction</source>
        <translation>transaction</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>transactions</source>
        <translation>transactions</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No transactions yet</source>
        <translation>Aucune transaction pour l’instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Payments, fees and withdrawals appear here.</source>
        <translation>Les paiements, frais et retraits s’affichent ici.</translation>
    </message>
    <message>
        <location line="+160"/>
        <source>Net earnings</source>
        <translation>Revenus nets</translation>
    </message>
</context>
<context>
    <name>FileChip</name>
    <message>
        <location filename="../../desktop/ui/attachments.py" line="+101"/>
        <location line="+1"/>
        <source>Remove %1</source>
        <translation>Retirer %1</translation>
    </message>
</context>
<context>
    <name>FoundDelegate</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/message_search.py" line="+112"/>
        <source>%n match(es)</source>
        <translation>
            <numerusform>%n résultat</numerusform>
            <numerusform>%n résultats</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FunnelView</name>
    <message>
        <location filename="../../desktop/ui/proposal_funnel.py" line="+53"/>
        <source>From sent to hired</source>
        <translation>De l’envoi à l’embauche</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>By month</source>
        <translation>Par mois</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>By category</source>
        <translation>Par catégorie</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>COVER-LETTER TEMPLATES</source>
        <translation>MODÈLES DE LETTRE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Template</source>
        <translation>Modèle</translation>
    </message>
    <message>
        <location line="+0"/>
        <location line="+61"/>
        <source>Sent</source>
        <translation>Envoyées</translation>
    </message>
    <message>
        <location line="-61"/>
        <source>Replies</source>
        <translation>Réponses</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Reply rate</source>
        <translation>Taux de réponse</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>A reply is the client answering: an interview, an offer or a hire.</source>
        <translation>Une réponse, c’est le client qui donne suite&#xa0;: un entretien, une offre ou une embauche.</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>No proposals sent yet</source>
        <translation>Aucune proposition envoyée pour l’instant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The funnel fills in as you send proposals and clients answer.</source>
        <translation>L’entonnoir se remplit à mesure que vous envoyez des propositions et que les clients répondent.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>%1 sent · %2 viewed (%3) · %4 interviews (%5) · %6 hired (%7)</source>
        <translation>%1 envoyées · %2 vues (%3) · %4 entretiens (%5) · %6 embauches (%7)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Other</source>
        <translation>Autre</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Viewed</source>
        <translation>Vues</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Interviewing</source>
        <translation>Entretiens</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Hired</source>
        <translation>Embauches</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Written without a template</source>
        <translation>Écrites sans modèle</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A deleted template</source>
        <translation>Un modèle supprimé</translation>
    </message>
</context>
<context>
    <name>JobCard</name>
    <message>
        <location filename="../../desktop/ui/proposals_pane.py" line="+396"/>
        <source>THE JOB</source>
        <translation>LA MISSION</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open in Jobs</source>
        <translation>Voir dans Missions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show this job in the Jobs pane</source>
        <translation>Afficher cette mission dans le volet Missions</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>DESCRIPTION</source>
        <translation>DESCRIPTION</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The whole description is in Jobs.</source>
        <translation>La description complète est dans Missions.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>This job is not in your offline copy: its budget and client appear after the next sync.</source>
        <translation>Cette mission n’est pas dans votre copie hors ligne&#xa0;: son budget et son client s’afficheront après la prochaine synchronisation.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Closed</source>
        <translation>Fermée</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>✓ Payment verified</source>
        <translation>✓ Paiement vérifié</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Payment unverified</source>
        <translation>Paiement non vérifié</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 spent</source>
        <translation>%1 dépensés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 hire</source>
        <translation>1 embauche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 hires</source>
        <translation>%1 embauches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Posted %1</source>
        <translation>Publiée le %1</translation>
    </message>
</context>
<context>
    <name>JobCardDelegate</name>
    <message>
        <location filename="../../desktop/ui/jobs_pane.py" line="+157"/>
        <source>Posted %1</source>
        <translation>Publiée %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Closed</source>
        <translation>Fermée</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>✓ Payment verified</source>
        <translation>✓ Paiement vérifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Payment unverified</source>
        <translation>Paiement non vérifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Proposals: %1</source>
        <translation>Propositions&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>JobDetail</name>
    <message>
        <location line="+65"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Experience</source>
        <translation>Expérience</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposals</source>
        <translation>Propositions</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ABOUT THE CLIENT</source>
        <translation>À PROPOS DU CLIENT</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>DESCRIPTION</source>
        <translation>DESCRIPTION</translation>
    </message>
    <message>
        <location line="+15"/>
        <location line="+79"/>
        <source>Write proposal</source>
        <translation>Rédiger une proposition</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>Open in browser</source>
        <translation>Ouvrir dans le navigateur</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+34"/>
        <source>Save job</source>
        <translation>Garder la mission</translation>
    </message>
    <message>
        <location line="-31"/>
        <source>Keep this job in your saved jobs, on this computer</source>
        <translation>Garder cette mission dans vos missions gardées, sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide</source>
        <translation>Masquer</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Hide this job from the feed and your saved searches&apos; counts</source>
        <translation>Retirer cette mission du fil et des compteurs de vos recherches enregistrées</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Saved</source>
        <translation>Gardée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Posted %1</source>
        <translation>Publiée %1</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>✓ Payment verified</source>
        <translation>✓ Paiement vérifié</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Payment unverified</source>
        <translation>Paiement non vérifié</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 spent</source>
        <translation>%1 dépensés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 hire</source>
        <translation>1 embauche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1 hires</source>
        <translation>%1 embauches</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Proposal sent</source>
        <translation>Proposition envoyée</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You already applied to this job.</source>
        <translation>Vous avez déjà postulé à cette mission.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This job no longer takes proposals.</source>
        <translation>Cette mission n’accepte plus de propositions.</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>%1 connects · platform fee %2</source>
        <translation>%1 Connects · commission %2</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Platform fee %1</source>
        <translation>Commission %1</translation>
    </message>
</context>
<context>
    <name>JobMatch</name>
    <message>
        <location filename="../../desktop/ui/job_match.py" line="+27"/>
        <source>%1% match</source>
        <translation>correspondance&#xa0;: %1&#xa0;%</translation>
    </message>
    <message numerus="yes">
        <location line="+13"/>
        <source>None of its %n skill(s) is one of yours</source>
        <translation>
            <numerusform>Sa compétence (%n) n’est pas l’une des vôtres</numerusform>
            <numerusform>Aucune de ses %n compétences n’est l’une des vôtres</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>%1 of its %n skill(s) are yours: %2</source>
        <translation>
            <numerusform>%1 compétence sur %n est la vôtre&#xa0;: %2</numerusform>
            <numerusform>%1 compétences sur %n sont les vôtres&#xa0;: %2</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client lists no skills</source>
        <translation>Le client n’indique aucune compétence</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pays up to %1/hr, your rate is %2/hr</source>
        <translation>Paie jusqu’à %1/h, votre tarif est de %2/h</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Pays up to %1/hr, under your %2/hr</source>
        <translation>Paie jusqu’à %1/h, sous votre tarif de %2/h</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>A %1 budget: about %n hour(s) at your rate</source>
        <translation>
            <numerusform>Un budget de %1&#xa0;: environ %n heure à votre tarif</numerusform>
            <numerusform>Un budget de %1&#xa0;: environ %n heures à votre tarif</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>A %1 budget: only about %n hour(s) at your rate</source>
        <translation>
            <numerusform>Un budget de %1&#xa0;: à peine %n heure à votre tarif</numerusform>
            <numerusform>Un budget de %1&#xa0;: à peine %n heures à votre tarif</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The pay cannot be compared with your rate</source>
        <translation>La rémunération ne peut pas être comparée à votre tarif</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client&apos;s payment method is verified</source>
        <translation>Le moyen de paiement du client est vérifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client&apos;s payment method is not verified</source>
        <translation>Le moyen de paiement du client n’est pas vérifié</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client is rated %1</source>
        <translation>Le client est noté %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client has no rating yet</source>
        <translation>Le client n’a pas encore de note</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The client has spent %1 here</source>
        <translation>Le client a dépensé %1 ici</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>The client has hired %n time(s)</source>
        <translation>
            <numerusform>Le client a recruté %n fois</numerusform>
            <numerusform>Le client a recruté %n fois</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n proposal(s) so far</source>
        <translation>
            <numerusform>%n proposition pour l’instant</numerusform>
            <numerusform>%n propositions pour l’instant</numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>WHY THIS MATCH · %1%</source>
        <translation>POURQUOI CETTE CORRESPONDANCE · %1 %</translation>
    </message>
</context>
<context>
    <name>JobsPane</name>
    <message>
        <location filename="../../desktop/ui/jobs_pane.py" line="+65"/>
        <source>Find work</source>
        <translation>Trouver une mission</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Show the jobs you hid again</source>
        <translation>Afficher de nouveau les missions masquées</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Saved jobs</source>
        <translation>Missions gardées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The jobs you saved, on this computer</source>
        <translation>Les missions que vous avez gardées, sur cet ordinateur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+273"/>
        <source>Keep this search and count the new jobs that match it</source>
        <translation>Garder cette recherche et compter les nouvelles missions correspondantes</translation>
    </message>
    <message>
        <location line="-263"/>
        <source>Search jobs</source>
        <translation>Rechercher des missions</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Any job type</source>
        <translation>Tous types</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hourly</source>
        <translation>À l’heure</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fixed price</source>
        <translation>Prix fixe</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Any experience</source>
        <translation>Toute expérience</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Payment verified</source>
        <translation>Paiement vérifié</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Newest first</source>
        <translation>Plus récentes</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highest budget</source>
        <translation>Budget le plus élevé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fewest proposals</source>
        <translation>Moins de propositions</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Best match</source>
        <translation>Meilleure correspondance</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Most relevant to the search</source>
        <translation>Les plus pertinentes pour la recherche</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sort</source>
        <translation>Trier</translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Undo</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+26"/>
        <location line="+190"/>
        <source>Select a job</source>
        <translation>Sélectionnez une mission</translation>
    </message>
    <message>
        <location line="-190"/>
        <location line="+190"/>
        <source>Its description, budget and client appear here.</source>
        <translation>Sa description, son budget et le client s’affichent ici.</translation>
    </message>
    <message numerus="yes">
        <location line="-68"/>
        <source>%n hidden</source>
        <translation>
            <numerusform>%n masquée</numerusform>
            <numerusform>%n masquées</numerusform>
        </translation>
    </message>
    <message>
        <location line="+43"/>
        <source>This search is saved</source>
        <translation>Cette recherche est enregistrée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type search words or pick a filter, then save it to follow its new jobs</source>
        <translation>Saisissez des mots-clés ou choisissez un filtre, puis enregistrez la recherche pour suivre ses nouvelles missions</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>All categories</source>
        <translation>Toutes catégories</translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Hidden: %1</source>
        <translation>Masquée&#xa0;: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>Show the %n job(s) you hid in the feed and the saved searches again?</source>
        <translation>
            <numerusform>Afficher de nouveau %n mission masquée dans le fil et les recherches enregistrées&#xa0;?</numerusform>
            <numerusform>Afficher de nouveau les %n missions masquées dans le fil et les recherches enregistrées&#xa0;?</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show hidden jobs</source>
        <translation>Afficher les missions masquées</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show them</source>
        <translation>Les afficher</translation>
    </message>
    <message numerus="yes">
        <location line="+9"/>
        <source>%n saved job(s)</source>
        <translation>
            <numerusform>%n mission gardée</numerusform>
            <numerusform>%n missions gardées</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>job</source>
        <translation>mission</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>jobs</source>
        <translation>missions</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>No saved jobs yet</source>
        <translation>Aucune mission gardée pour l’instant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Save a job from its detail to keep it here.</source>
        <translation>Gardez une mission depuis son détail pour la retrouver ici.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for first sync…</source>
        <translation>En attente de la première synchronisation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Jobs appear here as soon as Atelier has reached the marketplace.</source>
        <translation>Les missions s’affichent ici dès qu’Atelier a joint la place de marché.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No jobs match your search</source>
        <translation>Aucune mission ne correspond à votre recherche</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Try fewer words or clear some filters.</source>
        <translation>Essayez moins de mots ou retirez des filtres.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../desktop/ui/main_window.py" line="+172"/>
        <location line="+183"/>
        <location line="+470"/>
        <source>Atelier</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <location line="-457"/>
        <location line="+160"/>
        <source>Jobs</source>
        <translation>Missions</translation>
    </message>
    <message>
        <location line="-160"/>
        <location line="+169"/>
        <source>Proposals</source>
        <translation>Propositions</translation>
    </message>
    <message>
        <location line="-169"/>
        <location line="+153"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="-153"/>
        <source>Earnings</source>
        <translation>Revenus</translation>
    </message>
    <message>
        <location line="+9"/>
        <location line="+492"/>
        <source>Sync now</source>
        <translation>Synchroniser</translation>
    </message>
    <message>
        <location line="-479"/>
        <source>Open your profile</source>
        <translation>Ouvrir votre profil</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+482"/>
        <source>Settings…</source>
        <translation>Paramètres…</translation>
    </message>
    <message>
        <location line="-478"/>
        <source>About Atelier</source>
        <translation>À propos d’Atelier</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+472"/>
        <source>Add an account…</source>
        <translation>Ajouter un compte…</translation>
    </message>
    <message>
        <location line="-470"/>
        <location line="+471"/>
        <source>Sign out…</source>
        <translation>Se déconnecter…</translation>
    </message>
    <message>
        <location line="-468"/>
        <location line="+469"/>
        <source>Quit Atelier</source>
        <translation>Quitter Atelier</translation>
    </message>
    <message>
        <location line="-418"/>
        <source>Sign in again</source>
        <translation>Se reconnecter</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Sign-in lasts for this session only</source>
        <translation>Connexion valable pour cette session seulement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No keychain is available on this computer, so your sign-in is kept in memory only. Atelier never stores it in a plain file.</source>
        <translation>Aucun trousseau n’est disponible sur cet ordinateur&#xa0;: votre connexion est gardée en mémoire seulement. Atelier ne l’enregistre jamais dans un fichier en clair.</translation>
    </message>
    <message>
        <location line="+49"/>
        <source>%1, %2 unread</source>
        <translation>%1, %2 non lus</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1, %2 new in saved searches</source>
        <translation>%1, %2 nouvelles dans les recherches enregistrées</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1, %2 invitations waiting for your answer</source>
        <translation>%1, %2 invitations en attente de votre réponse</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Proposal saved — it will be sent to the client.</source>
        <translation>Proposition enregistrée — elle sera envoyée au client.</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>%1 older items removed</source>
        <translation>%1 éléments anciens supprimés</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>1 action waiting to send</source>
        <translation>1 action en attente d’envoi</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 actions waiting to send</source>
        <translation>%1 actions en attente d’envoi</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Disk full — %1 MB needed; sending paused</source>
        <translation>Disque plein — %1&#xa0;Mo nécessaires&#xa0;; envoi en pause</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The disk that holds Atelier&apos;s offline copy is full. Free %1 MB on it: Atelier notices by itself, then saves and sends what waits. Until then everything cached stays readable, and drafts you write are kept in memory (quitting before there is room would lose them).</source>
        <translation>Le disque qui contient la copie hors ligne d’Atelier est plein. Libérez-y %1&#xa0;Mo&#xa0;: Atelier s’en aperçoit tout seul, puis enregistre et envoie ce qui attend. D’ici là, tout ce qui est en cache reste lisible, et les brouillons que vous écrivez sont gardés en mémoire (quitter Atelier avant qu’il y ait de la place les ferait perdre).</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Local cache rebuilt</source>
        <translation>Cache local reconstruit</translation>
    </message>
    <message numerus="yes">
        <location line="+17"/>
        <source>%n need(s) your attention</source>
        <translation>
            <numerusform>%n élément à traiter</numerusform>
            <numerusform>%n éléments à traiter</numerusform>
        </translation>
    </message>
    <message>
        <location line="+25"/>
        <source>That job is no longer in your offline copy; the proposal stays listed.</source>
        <translation>Cette mission n’est plus dans votre copie hors ligne&#xa0;; la proposition reste dans la liste.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>%1 allows its data to be kept offline for %2 hours; older data is removed.</source>
        <translation>%1 autorise la conservation de ses données hors ligne pendant %2 heures&#xa0;; les données plus anciennes sont supprimées.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1 items could not be refreshed in time and were removed.</source>
        <translation>%1 éléments n’ont pas pu être actualisés à temps et ont été supprimés.</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Open your profile on %1</source>
        <translation>Ouvrir votre profil sur %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Could not open your browser.</source>
        <translation>Impossible d’ouvrir votre navigateur.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Switch to %1 · %2</source>
        <translation>Passer à %1 · %2</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Not synced yet</source>
        <translation>Pas encore synchronisé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Last sync %1 (%2)</source>
        <translation>Synchronisé à %1 (%2)</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>The disk is full, so proposal drafts you wrote could not be saved yet. Atelier saves them by itself once there is room: free some disk space first, or quit and lose them.</source>
        <translation>Le disque est plein&#xa0;: les brouillons de proposition que vous avez écrits n’ont pas encore pu être enregistrés. Atelier les enregistre de lui-même dès qu’il y a de la place&#xa0;: libérez d’abord de l’espace disque, ou quittez et perdez-les.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Quit and lose them</source>
        <translation>Quitter et les perdre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep Atelier open</source>
        <translation>Garder Atelier ouvert</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Save search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Saved jobs</source>
        <translation>Missions gardées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search all conversations</source>
        <translation>Chercher dans toutes les conversations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contracts</source>
        <translation>Contrats</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Needs your attention</source>
        <translation>À traiter</translation>
    </message>
</context>
<context>
    <name>MessageDelegate</name>
    <message>
        <location filename="../../desktop/ui/messages_pane.py" line="+482"/>
        <source>You</source>
        <translation>Vous</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>Today</source>
        <translation>Aujourd’hui</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Yesterday</source>
        <translation>Hier</translation>
    </message>
</context>
<context>
    <name>MessagesPane</name>
    <message>
        <location line="+114"/>
        <source>Messages</source>
        <translation>Messages</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Search all conversations</source>
        <translation>Chercher dans toutes les conversations</translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Attach</source>
        <translation>Joindre</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+299"/>
        <source>Attach files</source>
        <translation>Joindre des fichiers</translation>
    </message>
    <message>
        <location line="-292"/>
        <source>Write a message…  (Enter to send, Shift+Enter for a new line)</source>
        <translation>Écrivez un message…  (Entrée pour envoyer, Maj+Entrée pour aller à la ligne)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Send</source>
        <translation>Envoyer</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Select a conversation</source>
        <translation>Sélectionnez une conversation</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>No messages match</source>
        <translation>Aucun message ne correspond</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Try other words, or fewer of them.</source>
        <translation>Essayez d’autres mots, ou moins de mots.</translation>
    </message>
    <message>
        <location line="+32"/>
        <location line="+111"/>
        <source>No messages yet</source>
        <translation>Aucun message pour l’instant</translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Conversations with clients appear here.</source>
        <translation>Vos conversations avec les clients s’affichent ici.</translation>
    </message>
    <message>
        <location line="+111"/>
        <source>Say hello — your message is sent when you&apos;re online.</source>
        <translation>Dites bonjour — votre message partira dès que vous serez en ligne.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Attach files (up to %1 each)</source>
        <translation>Joindre des fichiers (%1 maximum chacun)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Up to %1 per file</source>
        <translation>Jusqu’à %1 par fichier</translation>
    </message>
    <message>
        <location line="+72"/>
        <source>Could not get %1: %2</source>
        <translation>Impossible d’obtenir %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>“%1” is not a picture or a PDF. Files like this one can run programs on your computer: open it only if you trust %2 and expected this file.</source>
        <translation>«&#xa0;%1&#xa0;» n’est ni une image ni un PDF. Un fichier de ce type peut lancer des programmes sur votre ordinateur&#xa0;: ouvrez-le seulement si vous faites confiance à %2 et attendiez ce fichier.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>the sender</source>
        <translation>l’expéditeur</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open this file?</source>
        <translation>Ouvrir ce fichier&#xa0;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Save as</source>
        <translation>Enregistrer sous</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Could not save %1: %2</source>
        <translation>Impossible d’enregistrer %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>A message holds at most %1 characters; this one has %2. Shorten it or split it.</source>
        <translation>Un message compte au plus %1 caractères&#xa0;; celui-ci en a %2. Raccourcissez-le ou coupez-le en deux.</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+6"/>
        <source>Could not send: %1</source>
        <translation>Envoi impossible&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>MilestoneRow</name>
    <message>
        <location filename="../../desktop/ui/proposal_parts.py" line="+46"/>
        <source>What you deliver</source>
        <translation>Ce que vous livrez</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Remove</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove this milestone</source>
        <translation>Retirer cette étape</translation>
    </message>
</context>
<context>
    <name>MilestoneTimeline</name>
    <message>
        <location filename="../../desktop/ui/contracts_view.py" line="-267"/>
        <source>%1. %2</source>
        <comment>milestone number and description</comment>
        <translation>%1. %2</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Not funded</source>
        <translation>Non financé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Funded</source>
        <translation>Financé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Submitted</source>
        <translation>Soumis</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approved</source>
        <translation>Approuvé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paid</source>
        <translation>Payé</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>due %1</source>
        <translation>échéance %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>the client funds it when the work before it is approved</source>
        <translation>le client le finance une fois le travail précédent approuvé</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>in escrow since %1</source>
        <translation>sous séquestre depuis le %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>in escrow</source>
        <translation>sous séquestre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>submitted %1, the client is reviewing</source>
        <translation>soumis le %1, le client vérifie</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the client is reviewing</source>
        <translation>le client vérifie</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>approved %1, security period</source>
        <translation>approuvé le %1, période de sécurité</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>security period</source>
        <translation>période de sécurité</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>paid %1</source>
        <translation>payé le %1</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>paid</source>
        <translation>payé</translation>
    </message>
</context>
<context>
    <name>MilestonesEditor</name>
    <message>
        <location filename="../../desktop/ui/proposal_parts.py" line="+33"/>
        <source>Milestones</source>
        <translation>Étapes de paiement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Add milestone</source>
        <translation>Ajouter une étape</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Optional: split the bid into payments, each released when you deliver it. Together they must come to the bid.</source>
        <translation>Facultatif&#xa0;: découpez l’offre en paiements, chacun versé à la livraison. Ensemble, ils doivent égaler l’offre.</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>Milestones total %1 of your %2 bid</source>
        <translation>Total des étapes&#xa0;: %1 sur votre offre de %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 left to assign</source>
        <translation>%1 restant à répartir</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 over the bid</source>
        <translation>%1 au-delà de l’offre</translation>
    </message>
</context>
<context>
    <name>Notices</name>
    <message>
        <location filename="../../desktop/ui/notices.py" line="+29"/>
        <source>no details</source>
        <translation>aucun détail</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting…</source>
        <translation>Démarrage…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting…</source>
        <translation>Connexion…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connecting to live updates…</source>
        <translation>Connexion aux mises à jour en direct…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live updates ended</source>
        <translation>Mises à jour en direct interrompues</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live updates failed · retrying</source>
        <translation>Échec des mises à jour en direct · nouvel essai</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · retrying in %2 s</source>
        <translation>%1 · nouvel essai dans %2 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 · will retry</source>
        <translation>%1 · nouvel essai prévu</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sync failed unexpectedly · retrying in %1 s</source>
        <translation>Échec inattendu de la synchronisation · nouvel essai dans %1 s</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server is busy (rate limited)</source>
        <translation>Le serveur est surchargé (trop de requêtes)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server has a problem (%1)</source>
        <translation>Le serveur rencontre un problème (%1)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent a reply Atelier could not understand</source>
        <translation>Le serveur a envoyé une réponse incompréhensible pour Atelier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 Reconnecting in %2 s.</source>
        <translation>%1 Reconnexion dans %2 s.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connected for live updates.</source>
        <translation>Connecté aux mises à jour en direct.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Live updates stopped.</source>
        <translation>Mises à jour en direct arrêtées.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The event stream answered HTTP %1.</source>
        <translation>Le flux d’événements a répondu HTTP %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The event stream was refused (HTTP %1).</source>
        <translation>Le flux d’événements a été refusé (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server closed the event stream.</source>
        <translation>Le serveur a fermé le flux d’événements.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The live connection went quiet.</source>
        <translation>La connexion en direct ne répond plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The live connection dropped.</source>
        <translation>La connexion en direct a été coupée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The marketplace refused our sign-in. Please sign in again.</source>
        <translation>La place de marché a refusé la connexion. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This account may not receive live updates.</source>
        <translation>Ce compte n’a pas accès aux mises à jour en direct.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot reach the marketplace.</source>
        <translation>Impossible de joindre la place de marché.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The marketplace did not answer in time.</source>
        <translation>La place de marché n’a pas répondu à temps.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent an empty reply (HTTP %1).</source>
        <translation>Le serveur a envoyé une réponse vide (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent a reply that is not JSON.</source>
        <translation>Le serveur a envoyé une réponse qui n’est pas du JSON.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent a token reply that is not JSON.</source>
        <translation>Le serveur a envoyé une réponse de jeton qui n’est pas du JSON.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent an unexpected %1: %2</source>
        <translation>Le serveur a envoyé un élément inattendu (%1)&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Please sign in again.</source>
        <translation>Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This account may not do that.</source>
        <translation>Ce compte n’a pas le droit de faire cela.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That item does not exist.</source>
        <translation>Cet élément n’existe pas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The marketplace asks us to slow down.</source>
        <translation>La place de marché demande de ralentir.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The marketplace had a problem (HTTP %1).</source>
        <translation>La place de marché a rencontré un problème (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The marketplace refused the request (HTTP %1).</source>
        <translation>La place de marché a refusé la requête (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The server sent an unexpected status (HTTP %1).</source>
        <translation>Le serveur a renvoyé un statut inattendu (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Too many sign-in attempts. Please wait a moment and try again.</source>
        <translation>Trop de tentatives de connexion. Patientez un instant, puis réessayez.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The marketplace had a problem signing in (HTTP %1).</source>
        <translation>La place de marché a rencontré un problème lors de la connexion (HTTP %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Sign-in was refused (HTTP %1).</source>
        <translation>La connexion a été refusée (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The email or password is not correct.</source>
        <translation>L’adresse e-mail ou le mot de passe est incorrect.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your sign-in has expired or was revoked. Please sign in again.</source>
        <translation>Votre connexion a expiré ou a été révoquée. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The marketplace did not accept this sign-in (the code was wrong, expired or already used). Please try again.</source>
        <translation>La place de marché n’a pas accepté cette connexion (le code était erroné, expiré ou déjà utilisé). Veuillez réessayer.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Atelier cannot listen for the sign-in answer on %1 (it is in use by another program?). Close it, or register another callback address.</source>
        <translation>Atelier ne peut pas attendre la réponse de connexion sur %1 (utilisé par un autre programme&#xa0;?). Fermez-le, ou enregistrez une autre adresse de retour.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign-in was cancelled in the browser. Nothing was changed.</source>
        <translation>La connexion a été annulée dans le navigateur. Rien n’a été modifié.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The marketplace refused the sign-in request (%1). Please try again.</source>
        <translation>La place de marché a refusé la demande de connexion (%1). Veuillez réessayer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That does not look like a marketplace address (for example https://example.com).</source>
        <translation>Cela ne ressemble pas à l’adresse d’une place de marché (par exemple https://example.com).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A marketplace address must not contain a user name or password.</source>
        <translation>L’adresse d’une place de marché ne doit contenir ni nom d’utilisateur ni mot de passe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Atelier signs in only over https, except to a marketplace on this computer: your sign-in would cross the network unencrypted.</source>
        <translation>Atelier ne se connecte qu’en https, sauf à une place de marché sur cet ordinateur&#xa0;: votre connexion traverserait le réseau sans chiffrement.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sign-in was cancelled.</source>
        <translation>La connexion a été annulée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed in, but the account could not be read: %1</source>
        <translation>Connecté, mais le compte n’a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your Upwork API key and its secret first.</source>
        <translation>Saisissez d’abord votre clé d’API Upwork et son secret.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No answer came back from the browser in time. Please try again.</source>
        <translation>Aucune réponse du navigateur à temps. Veuillez réessayer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Signed in, but the Upwork account could not be read: %1</source>
        <translation>Connecté, mais le compte Upwork n’a pas pu être lu&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The Upwork API key is missing: sign in again to enter it.</source>
        <translation>La clé d’API Upwork manque&#xa0;: reconnectez-vous pour la saisir.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork did not answer in time.</source>
        <translation>Upwork n’a pas répondu à temps.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot reach Upwork.</source>
        <translation>Impossible de joindre Upwork.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork sent an empty reply (HTTP %1).</source>
        <translation>Upwork a envoyé une réponse vide (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork sent a reply that is not JSON.</source>
        <translation>Upwork a envoyé une réponse qui n’est pas du JSON.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork refused our sign-in. Please sign in again.</source>
        <translation>Upwork a refusé la connexion. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork does not let this account do that.</source>
        <translation>Upwork ne permet pas à ce compte de faire cela.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork has no such item.</source>
        <translation>Cet élément n’existe pas sur Upwork.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork asks us to slow down.</source>
        <translation>Upwork demande de ralentir.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork had a problem (HTTP %1).</source>
        <translation>Upwork a rencontré un problème (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork refused the request (HTTP %1).</source>
        <translation>Upwork a refusé la requête (HTTP %1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork sent an unexpected status (HTTP %1).</source>
        <translation>Upwork a renvoyé un statut inattendu (HTTP %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork sent a GraphQL reply of the wrong shape.</source>
        <translation>Upwork a envoyé une réponse GraphQL de forme incorrecte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork sent a GraphQL reply without data.</source>
        <translation>Upwork a envoyé une réponse GraphQL sans données.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork refused this request: Atelier&apos;s API key lacks the permission (scope) it needs. Signing in again will not help; the key&apos;s permissions are set on Upwork&apos;s developer site.</source>
        <translation>Upwork a refusé cette requête&#xa0;: la clé d’API d’Atelier n’a pas l’autorisation (scope) nécessaire. Se reconnecter n’y changera rien&#xa0;; les autorisations de la clé se règlent sur le site développeur d’Upwork.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Upwork rejected the query: %1</source>
        <translation>Upwork a rejeté la requête&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork has no such item (%1).</source>
        <translation>Cet élément n’existe pas sur Upwork (%1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork had a problem: %1</source>
        <translation>Upwork a rencontré un problème&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork refused the request: %1</source>
        <translation>Upwork a refusé la requête&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork did not say who is signed in.</source>
        <translation>Upwork n’a pas indiqué quel compte est connecté.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork has no job posting with that id.</source>
        <translation>Upwork n’a aucune offre de mission avec cet identifiant.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork did not return the message it stored.</source>
        <translation>Upwork n’a pas renvoyé le message qu’il a enregistré.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork has no such room.</source>
        <translation>Cette conversation n’existe pas sur Upwork.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork did not name the account&apos;s accounting entity.</source>
        <translation>Upwork n’a pas indiqué l’entité comptable du compte.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork&apos;s API has no live event stream; Atelier polls it instead.</source>
        <translation>L’API d’Upwork n’a pas de flux d’événements en direct&#xa0;; Atelier l’interroge régulièrement à la place.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork&apos;s API does not allow %1.</source>
        <translation>L’API d’Upwork ne permet pas %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That page cursor is not valid here.</source>
        <translation>Ce curseur de page n’est pas valable ici.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Access to your Upwork account was declined, so Atelier cannot sign in.</source>
        <translation>L’accès à votre compte Upwork a été refusé, Atelier ne peut donc pas se connecter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork refused the sign-in (%1).</source>
        <translation>Upwork a refusé la connexion (%1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>That address is not from this sign-in attempt. Please start the sign-in again.</source>
        <translation>Cette adresse ne provient pas de cette tentative de connexion. Veuillez recommencer la connexion.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>That address holds no authorization code. Paste the whole address the browser went to after you approved Atelier.</source>
        <translation>Cette adresse ne contient aucun code d’autorisation. Collez l’adresse complète où le navigateur est allé après votre accord à Atelier.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upwork asks us to slow down. Please wait a moment and try again.</source>
        <translation>Upwork demande de ralentir. Patientez un instant, puis réessayez.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork had a problem signing in (HTTP %1).</source>
        <translation>Upwork a rencontré un problème lors de la connexion (HTTP %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork refused the sign-in request (HTTP %1).</source>
        <translation>Upwork a refusé la demande de connexion (HTTP %1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork refused the sign-in request (%1) (HTTP %2).</source>
        <translation>Upwork a refusé la demande de connexion (%1) (HTTP %2).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork sent a token reply that is not JSON.</source>
        <translation>Upwork a envoyé une réponse de jeton qui n’est pas du JSON.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork sent a token reply of the wrong shape.</source>
        <translation>Upwork a envoyé une réponse de jeton de forme incorrecte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork&apos;s token reply has no access token.</source>
        <translation>La réponse de jeton d’Upwork ne contient pas de jeton d’accès.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Upwork did not accept the sign-in (the code expired or the API key is wrong). Please sign in again.</source>
        <translation>Upwork n’a pas accepté la connexion (le code a expiré ou la clé d’API est erronée). Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Your Upwork sign-in has expired or was revoked. Please sign in again.</source>
        <translation>Votre connexion à Upwork a expiré ou a été révoquée. Veuillez vous reconnecter.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The disk is full; Atelier could not save its local cache. Free some disk space and try again.</source>
        <translation>Le disque est plein&#xa0;; Atelier n’a pas pu enregistrer son cache local. Libérez de l’espace disque et réessayez.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local cache file is damaged; Atelier is rebuilding it from the server.</source>
        <translation>Le fichier du cache local est endommagé&#xa0;; Atelier le reconstruit depuis le serveur.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Atelier is not allowed to write its local cache (read-only disk or permission denied).</source>
        <translation>Atelier n’a pas le droit d’écrire son cache local (disque en lecture seule ou permission refusée).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Atelier could not open its local cache file. Check that the folder exists and is writable.</source>
        <translation>Atelier n’a pas pu ouvrir le fichier de son cache local. Vérifiez que le dossier existe et qu’il est accessible en écriture.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A disk error stopped Atelier from reading or writing its local cache.</source>
        <translation>Une erreur de disque a empêché Atelier de lire ou d’écrire son cache local.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The local cache is busy; is another copy of Atelier running?</source>
        <translation>Le cache local est occupé&#xa0;; une autre copie d’Atelier est-elle ouverte&#xa0;?</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Atelier ran out of memory while using its local cache.</source>
        <translation>Atelier a manqué de mémoire en utilisant son cache local.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The local cache failed: %1</source>
        <translation>Le cache local a échoué&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The local cache was written by a newer Atelier (schema version %1; this version knows up to %2). Update Atelier, or remove the cache file to rebuild it.</source>
        <translation>Le cache local a été écrit par une version plus récente d’Atelier (schéma version %1&#xa0;; cette version connaît jusqu’à la %2). Mettez Atelier à jour, ou supprimez le fichier du cache pour le reconstruire.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Atelier is not allowed to create its local cache in %1.</source>
        <translation>Atelier n’a pas le droit de créer son cache local dans %1.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Atelier could not create its local cache file (%1).</source>
        <translation>Atelier n’a pas pu créer le fichier de son cache local (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Atelier could not move its damaged cache file aside (%1).</source>
        <translation>Atelier n’a pas pu mettre de côté le fichier endommagé de son cache (%1).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The local cache could not switch to write-ahead logging.</source>
        <translation>Le cache local n’a pas pu passer en journalisation anticipée (WAL).</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The local cache is closed.</source>
        <translation>Le cache local est fermé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Could not upgrade the local cache to version %1: %2</source>
        <translation>Impossible de mettre le cache local à la version %1&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not sent: the local cache was damaged and this could not be recovered in full. Check the text before you send it again.</source>
        <translation>Non envoyé&#xa0;: le cache local était endommagé et ce texte n’a pas pu être récupéré en entier. Vérifiez-le avant de l’envoyer à nouveau.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local cache was damaged and has been rebuilt from the server. Nothing was waiting to be sent.</source>
        <translation>Le cache local était endommagé et a été reconstruit depuis le serveur. Rien n’attendait d’être envoyé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local cache was damaged and has been rebuilt from the server. Everything waiting to be sent (%1) was rescued and will be sent.</source>
        <translation>Le cache local était endommagé et a été reconstruit depuis le serveur. Tout ce qui attendait d’être envoyé (%1) a été sauvé et sera envoyé.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local cache was damaged and has been rebuilt from the server. Rescued and will be sent: %1. Not recovered in full, kept in Needs your attention: %2.</source>
        <translation>Le cache local était endommagé et a été reconstruit depuis le serveur. Sauvé et bientôt envoyé&#xa0;: %1. Non récupéré en entier, gardé dans «&#xa0;À traiter&#xa0;»&#xa0;: %2.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local cache was damaged and has been rebuilt from the server. Rescued and will be sent: %1. Could not be read at all: %2 (they may have been sent already).</source>
        <translation>Le cache local était endommagé et a été reconstruit depuis le serveur. Sauvé et bientôt envoyé&#xa0;: %1. Illisible&#xa0;: %2 (peut-être déjà envoyé).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The local cache was damaged and has been rebuilt from the server. Rescued and will be sent: %1. Not recovered in full, kept in Needs your attention: %2. Could not be read at all: %3 (they may have been sent already).</source>
        <translation>Le cache local était endommagé et a été reconstruit depuis le serveur. Sauvé et bientôt envoyé&#xa0;: %1. Non récupéré en entier, gardé dans «&#xa0;À traiter&#xa0;»&#xa0;: %2. Illisible&#xa0;: %3 (peut-être déjà envoyé).</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The folder %1 does not exist.</source>
        <translation>Le dossier %1 n’existe pas.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Atelier is not allowed to write in %1.</source>
        <translation>Atelier n’a pas le droit d’écrire dans %1.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The disk holding %1 is full: the file was not written.</source>
        <translation>Le disque qui contient %1 est plein&#xa0;: le fichier n’a pas été écrit.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file could not be written (%1).</source>
        <translation>Le fichier n’a pas pu être écrit (%1).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the search a name.</source>
        <translation>Donnez un nom à la recherche.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep the name under %1 characters.</source>
        <translation>Le nom doit faire moins de %1 caractères.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type search words or pick a filter first.</source>
        <translation>Saisissez d’abord des mots-clés ou choisissez un filtre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The cover letter needs at least 50 characters.</source>
        <translation>La lettre de motivation doit compter au moins 50 caractères.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The bid must be more than zero.</source>
        <translation>Le montant doit être supérieur à zéro.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choose a duration.</source>
        <translation>Choisissez une durée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Describe every milestone.</source>
        <translation>Décrivez chaque étape.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every milestone needs an amount above zero.</source>
        <translation>Chaque étape doit avoir un montant supérieur à zéro.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The milestones must add up to the bid.</source>
        <translation>La somme des étapes doit égaler l’offre.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A milestone&apos;s due date has already passed.</source>
        <translation>L’échéance d’une étape est déjà passée.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Answer every screening question.</source>
        <translation>Répondez à chaque question du client.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not enough Connects: this proposal needs %1 and you have %2.</source>
        <translation>Pas assez de Connects&#xa0;: cette proposition en demande %1 et il vous en reste %2.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A template needs a name.</source>
        <translation>Un modèle doit avoir un nom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A template needs some text.</source>
        <translation>Un modèle doit contenir du texte.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A template with this name already exists.</source>
        <translation>Un modèle porte déjà ce nom.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This template no longer exists.</source>
        <translation>Ce modèle n’existe plus.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>empty message</source>
        <translation>message vide</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>a message holds at most %1 characters</source>
        <translation>un message contient au plus %1 caractères</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 does not take files sent from Atelier.</source>
        <translation>%1 n’accepte pas les fichiers envoyés depuis Atelier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file %1 is no longer there.</source>
        <translation>Le fichier %1 n’est plus là.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file %1 is empty.</source>
        <translation>Le fichier %1 est vide.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 is larger than %2 MB, the most a file may be.</source>
        <translation>%1 dépasse %2 Mo, la taille maximale d’un fichier.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>%1 cannot be sent: files of this kind are not accepted.</source>
        <translation>%1 ne peut pas être envoyé&#xa0;: ce type de fichier n’est pas accepté.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The file %1 could not be read (%2).</source>
        <translation>Le fichier %1 n’a pas pu être lu (%2).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A message carries at most %1 files.</source>
        <translation>Un message porte au plus %1 fichiers.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Its file %1 was refused, so the message was not sent.</source>
        <translation>Son fichier %1 a été refusé&#xa0;: le message n’a pas été envoyé.</translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>No answer came back from the browser within %n minute(s). Please try again.</source>
        <translation>
            <numerusform>Aucune réponse du navigateur en %n minute. Veuillez réessayer.</numerusform>
            <numerusform>Aucune réponse du navigateur en %n minutes. Veuillez réessayer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Notifier</name>
    <message>
        <location filename="../../desktop/ui/notifier.py" line="+148"/>
        <source>New job in “%1”</source>
        <translation>Nouvelle mission dans «&#xa0;%1&#xa0;»</translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>New job in %n saved search(es)</source>
        <translation>
            <numerusform>Nouvelle mission dans %n recherche enregistrée</numerusform>
            <numerusform>Nouvelle mission dans %n recherches enregistrées</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n new update(s) in Atelier</source>
        <translation>
            <numerusform>%n nouveauté dans Atelier</numerusform>
            <numerusform>%n nouveautés dans Atelier</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Atelier</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Open Atelier</source>
        <translation>Ouvrir Atelier</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Notifications</source>
        <translation>Notifications</translation>
    </message>
</context>
<context>
    <name>ProposalDelegate</name>
    <message>
        <location filename="../../desktop/ui/proposals_pane.py" line="-254"/>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Untitled job</source>
        <translation>Mission sans titre</translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+9"/>
        <source>Bid %1</source>
        <translation>Offre %1</translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Edited %1</source>
        <translation>Modifié %1</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Updated %1</source>
        <translation>Mise à jour %1</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>Received %1</source>
        <translation>Reçue %1</translation>
    </message>
</context>
<context>
    <name>ProposalDetail</name>
    <message>
        <location line="+347"/>
        <source>Withdraw proposal</source>
        <translation>Retirer la proposition</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Decline</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Write proposal</source>
        <translation>Rédiger une proposition</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Discard draft</source>
        <translation>Supprimer le brouillon</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Continue writing</source>
        <translation>Reprendre la rédaction</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>%1. %2 — %3 · due %4</source>
        <translation>%1. %2 — %3 · échéance le %4</translation>
    </message>
    <message>
        <location line="+86"/>
        <source>Your conversation with %1 in Messages</source>
        <translation>Votre conversation avec %1 dans Messages</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Submitted %1</source>
        <translation>Envoyée le %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Invited</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <location line="+5"/>
        <location line="+139"/>
        <source>Your bid</source>
        <translation>Votre offre</translation>
    </message>
    <message>
        <location line="-139"/>
        <location line="+139"/>
        <source> /hr</source>
        <translation> /h</translation>
    </message>
    <message>
        <location line="-138"/>
        <location line="+139"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Connects spent</source>
        <translation>Connects utilisés</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Updated</source>
        <translation>Mise à jour</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Hired: you receive %1 per hour after the %2 fee (%3).</source>
        <translation>Embauche&#xa0;: vous recevez %1 de l’heure après la commission de %2 (%3).</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hired: you receive %1 after the %2 fee (%3).</source>
        <translation>Embauche&#xa0;: vous recevez %1 après la commission de %2 (%3).</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The client declined this proposal: nothing is billed.</source>
        <translation>Le client a refusé cette proposition&#xa0;: rien n’est facturé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You withdrew this proposal: nothing is billed.</source>
        <translation>Vous avez retiré cette proposition&#xa0;: rien n’est facturé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This proposal is archived: nothing is billed.</source>
        <translation>Cette proposition est archivée&#xa0;: rien n’est facturé.</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+92"/>
        <source>If hired, you&apos;ll receive %1 per hour after the %2 fee (%3).</source>
        <translation>Si vous êtes embauché, vous recevrez %1 de l’heure après la commission de %2 (%3).</translation>
    </message>
    <message>
        <location line="-91"/>
        <location line="+92"/>
        <source>You&apos;ll receive %1 after the %2 fee (%3).</source>
        <translation>Vous recevrez %1 après la commission de %2 (%3).</translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Untitled job</source>
        <translation>Mission sans titre</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draft</source>
        <translation>Brouillon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Last edited %1 at %2</source>
        <translation>Modifié le %1 à %2</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Edited</source>
        <translation>Modifié</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>The job is not in your offline copy yet: sync, then continue writing.</source>
        <translation>La mission n’est pas encore dans votre copie hors ligne&#xa0;: synchronisez, puis reprenez la rédaction.</translation>
    </message>
    <message>
        <location line="-351"/>
        <source>COVER LETTER</source>
        <translation>LETTRE DE MOTIVATION</translation>
    </message>
    <message>
        <location line="-10"/>
        <source>TIMELINE</source>
        <translation>HISTORIQUE</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Open conversation</source>
        <translation>Ouvrir la conversation</translation>
    </message>
    <message>
        <location line="+180"/>
        <source>Waiting to reach the marketplace — it will be sent when you&apos;re online.</source>
        <translation>En attente de la place de marché — elle partira dès que vous serez en ligne.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To withdraw this proposal, use %1&apos;s website: its API does not allow it.</source>
        <translation>Pour retirer cette proposition, passez par le site de %1&#xa0;: son API ne le permet pas.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Received %1</source>
        <translation>Reçue le %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="-290"/>
        <source>MESSAGE FROM THE CLIENT</source>
        <translation>MESSAGE DU CLIENT</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>MILESTONES</source>
        <translation>ÉTAPES DE PAIEMENT</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>SCREENING QUESTIONS</source>
        <translation>QUESTIONS DU CLIENT</translation>
    </message>
    <message>
        <location line="+255"/>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Proposals</source>
        <translation>Propositions</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+55"/>
        <source>Connects</source>
        <translation>Connects</translation>
    </message>
    <message>
        <location line="-52"/>
        <source>Platform fee on this job: %1</source>
        <translation>Commission sur cette mission&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>The job is not in your offline copy yet; sync, then try again.</source>
        <translation>La mission n’est pas encore dans votre copie hors ligne&#xa0;; synchronisez, puis réessayez.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Sending a proposal accepts the invitation.</source>
        <translation>Envoyer une proposition accepte l’invitation.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The job is not in your offline copy yet: sync, then write your proposal.</source>
        <translation>La mission n’est pas encore dans votre copie hors ligne&#xa0;: synchronisez, puis rédigez votre proposition.</translation>
    </message>
</context>
<context>
    <name>ProposalForm</name>
    <message>
        <location filename="../../desktop/ui/proposal_form.py" line="+85"/>
        <source>Write proposal</source>
        <translation>Rédiger une proposition</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Write a proposal</source>
        <translation>Rédiger une proposition</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 connects</source>
        <translation>%1 Connects</translation>
    </message>
    <message>
        <location line="+21"/>
        <source> /hr</source>
        <translation> /h</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Hourly rate</source>
        <translation>Taux horaire</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Bid</source>
        <translation>Montant</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Less than 1 month</source>
        <translation>Moins d’un mois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>1 to 3 months</source>
        <translation>1 à 3 mois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>3 to 6 months</source>
        <translation>3 à 6 mois</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>More than 6 months</source>
        <translation>Plus de 6 mois</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Duration</source>
        <translation>Durée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Cover letter</source>
        <translation>Lettre de motivation</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Insert template</source>
        <translation>Insérer un modèle</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Introduce yourself and explain why you&apos;re a strong fit for this job (50 characters minimum).</source>
        <translation>Présentez-vous et expliquez pourquoi vous êtes la bonne personne pour cette mission (50 caractères minimum).</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>%1&apos;s API does not let apps send proposals. Atelier keeps this proposal as a draft; “%2” copies the cover letter and opens the job on %1, where you paste it and send.</source>
        <translation>L’API de %1 ne permet pas aux applications d’envoyer des propositions. Atelier garde cette proposition comme brouillon&#xa0;; «&#xa0;%2&#xa0;» copie la lettre de motivation et ouvre la mission sur %1, où il vous suffit de la coller et de l’envoyer.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Submitting uses %1 connects.</source>
        <translation>L’envoi utilise %1 Connects.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Submit proposal</source>
        <translation>Envoyer la proposition</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open on %1</source>
        <translation>Ouvrir sur %1</translation>
    </message>
    <message>
        <location line="+35"/>
        <source> per hour</source>
        <translation> de l’heure</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Platform fee %1: %2 · You&apos;ll receive %3</source>
        <translation>Commission %1&#xa0;: %2 · Vous recevrez %3</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>Draft restored</source>
        <translation>Brouillon restauré</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Draft saved</source>
        <translation>Brouillon enregistré</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>This proposal needs %1 Connects; you have %2.</source>
        <translation>Cette proposition demande %1 Connects&#xa0;; il vous en reste %2.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Submitting uses %1 of your %2 Connects.</source>
        <translation>L’envoi utilise %1 de vos %2 Connects.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>You do not have enough Connects to send this proposal.</source>
        <translation>Vous n’avez pas assez de Connects pour envoyer cette proposition.</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>No templates yet</source>
        <translation>Aucun modèle pour l’instant</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Manage templates…</source>
        <translation>Gérer les modèles…</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>%1 / %2 characters minimum</source>
        <translation>%1 / %2 caractères minimum</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 characters</source>
        <translation>%1 caractères</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Not enough Connects: this proposal needs %1 and you have %2.</source>
        <translation>Pas assez de Connects&#xa0;: cette proposition en demande %1 et il vous en reste %2.</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Your cover letter is copied. Open the job on %1 and paste it there: %2</source>
        <translation>Votre lettre de motivation est copiée. Ouvrez la mission sur %1 et collez-la&#xa0;: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Could not submit: %1</source>
        <translation>Envoi impossible&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>ProposalsPane</name>
    <message>
        <location filename="../../desktop/ui/proposals_pane.py" line="+113"/>
        <source>My proposals</source>
        <translation>Mes propositions</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+327"/>
        <source>Funnel</source>
        <translation>Entonnoir</translation>
    </message>
    <message>
        <location line="-325"/>
        <source>How many proposals were viewed, led to an interview and were hired, and each template&apos;s reply rate</source>
        <translation>Combien de propositions ont été vues, ont mené à un entretien ou à une embauche, et le taux de réponse de chaque modèle</translation>
    </message>
    <message>
        <location line="+25"/>
        <location line="+73"/>
        <source>Select a proposal</source>
        <translation>Sélectionnez une proposition</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+73"/>
        <source>Its cover letter and terms appear here.</source>
        <translation>Sa lettre de motivation et ses conditions s’affichent ici.</translation>
    </message>
    <message>
        <location line="-18"/>
        <source>Active</source>
        <translation>Actives</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hired</source>
        <translation>Embauches</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>Archivées</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invitations</source>
        <translation>Invitations</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drafts</source>
        <translation>Brouillons</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>No active proposals</source>
        <translation>Aucune proposition active</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find a job you like and write a proposal.</source>
        <translation>Trouvez une mission qui vous plaît et rédigez une proposition.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No hires yet</source>
        <translation>Aucune embauche pour l’instant</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Proposals that turn into contracts show up here.</source>
        <translation>Les propositions devenues contrats s’affichent ici.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing archived</source>
        <translation>Rien d’archivé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Declined and withdrawn proposals land here.</source>
        <translation>Les propositions refusées ou retirées arrivent ici.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>No drafts</source>
        <translation>Aucun brouillon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A proposal you start writing is kept here until you send or discard it.</source>
        <translation>Une proposition commencée est gardée ici jusqu’à ce que vous l’envoyiez ou la supprimiez.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1&apos;s API does not list invitations: a client who invites you opens an interview conversation, and it appears in Messages.</source>
        <translation>L’API de %1 ne liste pas les invitations&#xa0;: un client qui vous invite ouvre une conversation d’entretien, qui apparaît dans Messages.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Invitations are in Messages</source>
        <translation>Les invitations sont dans Messages</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No invitations</source>
        <translation>Aucune invitation</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Clients who invite you to a job appear here.</source>
        <translation>Les clients qui vous invitent à une mission s’affichent ici.</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Decline invitation?</source>
        <translation>Refuser l’invitation&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decline %1&apos;s invitation to “%2”? The client is told you are not available.</source>
        <translation>Refuser l’invitation de %1 pour «&#xa0;%2&#xa0;»&#xa0;? Le client sera informé que vous n’êtes pas disponible.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Decline</source>
        <translation>Refuser</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Untitled job</source>
        <translation>Mission sans titre</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard draft?</source>
        <translation>Supprimer le brouillon&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Discard your draft proposal for “%1”? What you wrote is deleted.</source>
        <translation>Supprimer votre brouillon de proposition pour «&#xa0;%1&#xa0;»&#xa0;? Ce que vous avez écrit sera effacé.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Discard</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Withdraw proposal?</source>
        <translation>Retirer la proposition&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw your proposal for “%1”? The client will no longer see it.</source>
        <translation>Retirer votre proposition pour «&#xa0;%1&#xa0;»&#xa0;? Le client ne la verra plus.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdraw</source>
        <translation>Retirer</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Back to proposals</source>
        <translation>Retour aux propositions</translation>
    </message>
</context>
<context>
    <name>RelativeTime</name>
    <message numerus="yes">
        <location filename="../../desktop/ui/format.py" line="+127"/>
        <source>%n min ago</source>
        <translation>
            <numerusform>il y a %n min</numerusform>
            <numerusform>il y a %n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n h ago</source>
        <translation>
            <numerusform>il y a %n h</numerusform>
            <numerusform>il y a %n h</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5"/>
        <source>%n days ago</source>
        <translation>
            <numerusform>il y a %n jour</numerusform>
            <numerusform>il y a %n jours</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>RoomDelegate</name>
    <message>
        <location filename="../../desktop/ui/messages_pane.py" line="-904"/>
        <source>No messages yet</source>
        <translation>Aucun message pour l’instant</translation>
    </message>
</context>
<context>
    <name>SavedSearchBar</name>
    <message>
        <location filename="../../desktop/ui/saved_searches.py" line="+126"/>
        <source>Saved</source>
        <translation>Enregistrées</translation>
    </message>
    <message>
        <location line="+43"/>
        <source>Notify me about new jobs</source>
        <translation>M’avertir des nouvelles missions</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Delete saved search</source>
        <translation>Supprimer la recherche enregistrée</translation>
    </message>
</context>
<context>
    <name>SavedSearchChip</name>
    <message>
        <location line="-122"/>
        <source>%1 — click to show these jobs</source>
        <translation>%1 — cliquez pour afficher ces missions</translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n job(s) posted since you last looked</source>
        <translation>
            <numerusform>%n mission publiée depuis votre dernière visite</numerusform>
            <numerusform>%n missions publiées depuis votre dernière visite</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1, %2 new</source>
        <translation>%1, %2 nouvelles</translation>
    </message>
</context>
<context>
    <name>SavedSearchDialog</name>
    <message>
        <location line="+126"/>
        <source>Save search</source>
        <translation>Enregistrer la recherche</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name this search. New jobs that match it are counted on its chip.</source>
        <translation>Nommez cette recherche. Les nouvelles missions correspondantes sont comptées sur son badge.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
</context>
<context>
    <name>ScreeningAnswers</name>
    <message>
        <location filename="../../desktop/ui/proposal_parts.py" line="+22"/>
        <source>Questions from the client</source>
        <translation>Questions du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The client asks every applicant these questions: answer each one.</source>
        <translation>Le client pose ces questions à chaque candidat&#xa0;: répondez à chacune.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Your answer</source>
        <translation>Votre réponse</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../desktop/ui/settings_dialog.py" line="+109"/>
        <source>Settings</source>
        <translation>Paramètres</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>APPEARANCE</source>
        <translation>APPARENCE</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>NOTIFICATIONS</source>
        <translation>NOTIFICATIONS</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>STARTUP</source>
        <translation>DÉMARRAGE</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>OFFLINE COPY</source>
        <translation>COPIE HORS LIGNE</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+64"/>
        <location line="+20"/>
        <source>Same as the system</source>
        <translation>Comme le système</translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Restart now</source>
        <translation>Redémarrer maintenant</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Language</source>
        <translation>Langue</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Light</source>
        <translation>Clair</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Dark</source>
        <translation>Sombre</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Theme</source>
        <translation>Thème</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>This run was started with --lang %1; your choice applies when Atelier starts without it.</source>
        <translation>Atelier a été lancé avec --lang %1&#xa0;; votre choix s’appliquera quand il démarrera sans cette option.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Takes effect after a restart.</source>
        <translation>Prendra effet après un redémarrage.</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Notify me of new messages and jobs while Atelier is in the background</source>
        <translation>Me signaler les nouveaux messages et missions quand Atelier est en arrière-plan</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Quiet hours, from</source>
        <translation>Heures calmes, de</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>to</source>
        <translation>à</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>The start and the end are the same: no quiet time.</source>
        <translation>Le début et la fin sont identiques&#xa0;: aucune heure calme.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No notifications from %1 to %2 the next morning.</source>
        <translation>Aucune notification de %1 à %2 le lendemain matin.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No notifications from %1 to %2 every day.</source>
        <translation>Aucune notification de %1 à %2, tous les jours.</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open Atelier when I log in to this computer</source>
        <translation>Ouvrir Atelier quand je me connecte à cet ordinateur</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Could not change starting at login: %1</source>
        <translation>Impossible de modifier le démarrage à la connexion&#xa0;: %1</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Open folder</source>
        <translation>Ouvrir le dossier</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Location</source>
        <translation>Emplacement</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Measuring…</source>
        <translation>Mesure…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clear cache…</source>
        <translation>Vider le cache…</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Size</source>
        <translation>Taille</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Clearing removes what was fetched from the marketplace and fetches it again. What you have not sent yet, your drafts and what needs your attention are kept.</source>
        <translation>Vider le cache supprime ce qui a été téléchargé depuis la place de marché, puis le télécharge de nouveau. Ce que vous n’avez pas encore envoyé, vos brouillons et ce qui demande votre attention sont conservés.</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Unknown</source>
        <translation>Inconnue</translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+8"/>
        <source>Clear cache</source>
        <translation>Vider le cache</translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Clear the offline copy on this computer?</source>
        <translation>Vider la copie hors ligne de cet ordinateur&#xa0;?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Jobs, proposals, conversations and earnings are removed from this computer and fetched again from the marketplace, which takes a moment. Messages not sent yet, drafts and what needs your attention are kept.</source>
        <translation>Les missions, propositions, conversations et revenus sont supprimés de cet ordinateur puis téléchargés de nouveau depuis la place de marché, ce qui prend un moment. Les messages pas encore envoyés, les brouillons et ce qui demande votre attention sont conservés.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Clearing…</source>
        <translation>Suppression…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Cleared: %1 freed. Fetching everything again…</source>
        <translation>Cache vidé&#xa0;: %1 libérés. Nouveau téléchargement en cours…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The cache could not be cleared: %1. Nothing was removed.</source>
        <translation>Le cache n’a pas pu être vidé&#xa0;: %1. Rien n’a été supprimé.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../desktop/ui/signin.py" line="-73"/>
        <source>Sign in again</source>
        <translation>Se reconnecter</translation>
    </message>
</context>
<context>
    <name>SignInProgress</name>
    <message>
        <location line="-440"/>
        <location line="+84"/>
        <source>Finish signing in in your browser</source>
        <translation>Terminez la connexion dans votre navigateur</translation>
    </message>
    <message>
        <location line="-71"/>
        <location line="+75"/>
        <source>Open the browser again</source>
        <translation>Rouvrir le navigateur</translation>
    </message>
    <message>
        <location line="-73"/>
        <location line="+65"/>
        <source>Copy link</source>
        <translation>Copier le lien</translation>
    </message>
    <message>
        <location line="-64"/>
        <source>Paste it into a browser if none opened</source>
        <translation>Collez-le dans un navigateur si aucun ne s’est ouvert</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Open this link in a web browser on this computer:</source>
        <translation>Ouvrez ce lien dans un navigateur web sur cet ordinateur&#xa0;:</translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+41"/>
        <source>Copy</source>
        <translation>Copier</translation>
    </message>
    <message>
        <location line="-29"/>
        <source>When the browser shows your key&apos;s callback page, copy the whole address from its address bar and paste it here.</source>
        <translation>Quand le navigateur affiche la page de rappel de votre clé, copiez l’adresse complète depuis sa barre d’adresse et collez-la ici.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Continue</source>
        <translation>Continuer</translation>
    </message>
    <message>
        <location line="+13"/>
        <location line="+20"/>
        <source>Cancel</source>
        <translation>Annuler</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Atelier is opening %1 in your web browser. Sign in there and allow access, then bring back the address the browser ends on.</source>
        <translation>Atelier ouvre %1 dans votre navigateur. Connectez-vous et autorisez l’accès, puis rapportez ici l’adresse sur laquelle le navigateur s’arrête.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Atelier is opening %1 in your web browser. Sign in there and allow access; Atelier continues by itself.</source>
        <translation>Atelier ouvre %1 dans votre navigateur. Connectez-vous et autorisez l’accès&#xa0;; Atelier continue tout seul.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Open the sign-in page in your browser</source>
        <translation>Ouvrez la page de connexion dans votre navigateur</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Atelier could not open a web browser. Open the link below in one, sign in there and allow access, then bring back the address the browser ends on.</source>
        <translation>Atelier n’a pas pu ouvrir de navigateur web. Ouvrez le lien ci-dessous dans un navigateur, connectez-vous et autorisez l’accès, puis rapportez l’adresse sur laquelle le navigateur s’arrête.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Atelier could not open a web browser. Open the link below in one and sign in there; Atelier is still waiting and continues by itself.</source>
        <translation>Atelier n’a pas pu ouvrir de navigateur web. Ouvrez le lien ci-dessous dans un navigateur et connectez-vous&#xa0;; Atelier attend toujours et continue tout seul.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Try the browser again</source>
        <translation>Réessayer le navigateur</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Sign-in did not finish</source>
        <translation>La connexion n’a pas abouti</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Signing you in…</source>
        <translation>Connexion en cours…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The browser is done; Atelier is finishing the sign-in.</source>
        <translation>Le navigateur a terminé&#xa0;; Atelier finalise la connexion.</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Link copied</source>
        <translation>Lien copié</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copied</source>
        <translation>Copié</translation>
    </message>
</context>
<context>
    <name>TemplatesDialog</name>
    <message>
        <location filename="../../desktop/ui/proposal_templates.py" line="+69"/>
        <source>Cover-letter templates</source>
        <translation>Modèles de lettre de motivation</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Templates</source>
        <translation>Modèles</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>New template</source>
        <translation>Nouveau modèle</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Name</source>
        <translation>Nom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For example: Short intro</source>
        <translation>Par exemple&#xa0;: Courte présentation</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Text</source>
        <translation>Texte</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Hello {client_name}, I read your post about {job_title}…</source>
        <translation>Bonjour {client_name}, j’ai lu votre annonce «&#xa0;{job_title}&#xa0;»…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Insert at the cursor:</source>
        <translation>Insérer au curseur&#xa0;:</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>The placeholders are filled in with the job&apos;s and your profile&apos;s details when you insert the template into a proposal.</source>
        <translation>Les champs sont remplis avec les détails de la mission et de votre profil quand vous insérez le modèle dans une proposition.</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+118"/>
        <source>Delete</source>
        <translation>Supprimer</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>Close</source>
        <translation>Fermer</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save</source>
        <translation>Enregistrer</translation>
    </message>
    <message>
        <location line="+110"/>
        <source>Delete template?</source>
        <translation>Supprimer le modèle&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete the template “%1”? Proposals already sent with it are not changed.</source>
        <translation>Supprimer le modèle «&#xa0;%1&#xa0;»&#xa0;? Les propositions déjà envoyées avec ce modèle ne changent pas.</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Could not save the template: %1</source>
        <translation>Impossible d’enregistrer le modèle&#xa0;: %1</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <location filename="../../desktop/ui/proposals_pane.py" line="-950"/>
        <source>%1 at %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>waiting to reach the marketplace</source>
        <translation>en attente de la place de marché</translation>
    </message>
</context>
<context>
    <name>TransactionsModel</name>
    <message>
        <location filename="../../desktop/ui/earnings_pane.py" line="-510"/>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Description</source>
        <translation>Description</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type</source>
        <translation>Type</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Status</source>
        <translation>Statut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Gross</source>
        <translation>Brut</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fee</source>
        <translation>Commission</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Net</source>
        <translation>Net</translation>
    </message>
</context>
<context>
    <name>WelcomeWindow</name>
    <message>
        <location filename="../../desktop/ui/signin.py" line="-179"/>
        <source>No keychain is available on this computer, so your sign-in lasts for this session only. Atelier never stores it in a plain file.</source>
        <translation>Aucun trousseau n’est disponible sur cet ordinateur&#xa0;: votre connexion ne vaut que pour cette session. Atelier ne l’enregistre jamais dans un fichier en clair.</translation>
    </message>
    <message>
        <location line="+198"/>
        <location line="+115"/>
        <source>Welcome to Atelier</source>
        <translation>Bienvenue dans Atelier</translation>
    </message>
    <message>
        <location line="-103"/>
        <source>Atelier</source>
        <translation>Atelier</translation>
    </message>
    <message>
        <location line="+41"/>
        <source>Sign in to Upwork</source>
        <translation>Se connecter à Upwork</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Upwork gives API keys to each developer. Request a key of type “Desktop” in Upwork&apos;s developer center, then enter it here; Atelier keeps it in your keychain and asks only once. Your browser then opens Upwork&apos;s own sign-in page.</source>
        <translation>Upwork attribue des clés d’API à chaque développeur. Demandez une clé de type «&#xa0;Desktop&#xa0;» dans l’espace développeurs d’Upwork, puis saisissez-la ici&#xa0;; Atelier la garde dans votre trousseau et ne la demande qu’une seule fois. Votre navigateur ouvre ensuite la page de connexion d’Upwork.</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Key (client id)</source>
        <translation>Clé (identifiant client)</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+8"/>
        <source>Secret</source>
        <translation>Secret</translation>
    </message>
    <message>
        <location line="-5"/>
        <source>The callback URL registered with your key. An address on this computer lets Atelier continue by itself; any other address works too: you paste it back after signing in.</source>
        <translation>L’URL de rappel enregistrée avec votre clé. Une adresse sur cet ordinateur permet à Atelier de continuer tout seul&#xa0;; toute autre adresse fonctionne aussi&#xa0;: vous la collez ici après vous être connecté.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Upwork&apos;s API, or a test server shaped like it</source>
        <translation>L’API d’Upwork, ou un serveur de test qui l’imite</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API key</source>
        <translation>Clé d’API</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Callback URL</source>
        <translation>URL de rappel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>API address</source>
        <translation>Adresse de l’API</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Back</source>
        <translation>Retour</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Enter your Upwork API key and its secret first.</source>
        <translation>Saisissez d’abord votre clé d’API Upwork et son secret.</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Find jobs, send proposals, talk with clients and follow your earnings — fast, and offline when you need it.</source>
        <translation>Trouvez des missions, envoyez vos propositions, échangez avec vos clients et suivez vos revenus — rapidement, et hors ligne si besoin.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sign in to another account</source>
        <translation>Se connecter à un autre compte</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to a marketplace</source>
        <translation>Se connecter à une place de marché</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your browser opens the marketplace&apos;s own sign-in page; Atelier never sees your password.</source>
        <translation>Votre navigateur ouvre la page de connexion de la place de marché&#xa0;; Atelier ne voit jamais votre mot de passe.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Marketplace address</source>
        <translation>Adresse de la place de marché</translation>
    </message>
    <message>
        <location line="-45"/>
        <location line="+55"/>
        <source>Sign in with your browser</source>
        <translation>Se connecter avec le navigateur</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Freelancing on Upwork?</source>
        <translation>Vous êtes freelance sur Upwork&#xa0;?</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sign in to Upwork…</source>
        <translation>Se connecter à Upwork…</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>or</source>
        <translation>ou</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+5"/>
        <source>Try the demo</source>
        <translation>Essayer la démo</translation>
    </message>
    <message>
        <location line="-3"/>
        <source>A lively sample marketplace that runs on this computer. Nothing leaves it.</source>
        <translation>Une place de marché d’exemple, animée, qui tourne sur cet ordinateur. Rien n’en sort.</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Your accounts</source>
        <translation>Vos comptes</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Open</source>
        <translation>Ouvrir</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open %1 on %2</source>
        <translation>Ouvrir %1 sur %2</translation>
    </message>
</context>
<context>
    <name>crash</name>
    <message>
        <location filename="../../desktop/ui/crash.py" line="+132"/>
        <source>Something went wrong. Atelier keeps running, but the last action may not have finished.</source>
        <translation>Un problème est survenu. Atelier continue de fonctionner, mais la dernière action n’a peut-être pas abouti.</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Details were written to %1</source>
        <translation>Les détails ont été enregistrés dans %1</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Details could not be written to %1 (%2); they are below.</source>
        <translation>Les détails n’ont pas pu être enregistrés dans %1 (%2)&#xa0;; les voici ci-dessous.</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Atelier</source>
        <translation>Atelier</translation>
    </message>
</context>
<context>
    <name>format</name>
    <message>
        <location filename="../../desktop/ui/format.py" line="-61"/>
        <location line="+12"/>
        <source>Fixed price</source>
        <translation>Prix fixe</translation>
    </message>
    <message>
        <location line="-11"/>
        <source>%1 fixed</source>
        <translation>%1 forfait</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1–%2/hr</source>
        <translation>%1–%2/h</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+5"/>
        <source>Hourly</source>
        <translation>À l’heure</translation>
    </message>
    <message>
        <location line="-4"/>
        <source>%1/hr</source>
        <translation>%1/h</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Entry level</source>
        <translation>Débutant</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Intermediate</source>
        <translation>Intermédiaire</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Expert</source>
        <translation>Expert</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Less than 5</source>
        <translation>Moins de 5</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 to %2</source>
        <translation>%1 à %2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>50+</source>
        <translation>50+</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>No reviews yet</source>
        <translation>Pas encore d’avis</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>never</source>
        <translation>jamais</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>just now</source>
        <translation>à l’instant</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>yesterday</source>
        <translation>hier</translation>
    </message>
    <message>
        <location line="+50"/>
        <source>Submitted</source>
        <translation>Envoyée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Viewed</source>
        <translation>Consultée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Interviewing</source>
        <translation>Entretien</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offer</source>
        <translation>Offre reçue</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hired</source>
        <translation>Embauché</translation>
    </message>
    <message>
        <location line="+1"/>
        <location filename="../../desktop/ui/proposals_pane.py" line="+565"/>
        <location line="+10"/>
        <source>Declined</source>
        <translation>Refusée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawn</source>
        <translation>Retirée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Archived</source>
        <translation>Archivée</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Earning</source>
        <translation>Gain</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bonus</source>
        <translation>Prime</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdrawal</source>
        <translation>Retrait</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refund</source>
        <translation>Remboursement</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adjustment</source>
        <translation>Ajustement</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>In progress</source>
        <translation>En cours</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>In review</source>
        <translation>En vérification</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pending</source>
        <translation>En attente</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Available</source>
        <translation>Disponible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Completed</source>
        <translation>Terminé</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Online</source>
        <translation>En ligne</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Syncing…</source>
        <translation>Synchronisation…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Offline · showing cached data</source>
        <translation>Hors ligne · données en cache</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed out — sign in again</source>
        <translation>Déconnecté — reconnectez-vous</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/messages_pane.py" line="+101"/>
        <source>Sending…</source>
        <translation>Envoi…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sent</source>
        <translation>Envoyé</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Failed — will retry</source>
        <translation>Échec — nouvel essai prévu</translation>
    </message>
    <message>
        <location filename="../../desktop/ui/proposals_pane.py" line="-12"/>
        <source>Accepted</source>
        <translation>Acceptée</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Expired</source>
        <translation>Expirée</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Invitation</source>
        <translation>Invitation</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Waiting for your answer</source>
        <translation>En attente de votre réponse</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accepted — you sent a proposal</source>
        <translation>Acceptée — vous avez envoyé une proposition</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Expired: the client&apos;s invitation lapsed unanswered</source>
        <translation>Expirée&#xa0;: l’invitation du client est restée sans réponse</translation>
    </message>
</context>
<context>
    <name>templates</name>
    <message>
        <location filename="../../desktop/ui/proposal_templates.py" line="-238"/>
        <source>Client name</source>
        <translation>Nom du client</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Job title</source>
        <translation>Titre de la mission</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your rate</source>
        <translation>Votre tarif</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your name</source>
        <translation>Votre nom</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your skills</source>
        <translation>Vos compétences</translation>
    </message>
</context>
</TS>
