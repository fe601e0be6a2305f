<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>CatalogueModel</name>
    <message>
        <location filename="../../app/ui/models/catalogue_model.py" line="+72" />
        <source>Code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Procedure</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Field</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Processing time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Fee</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Deciding agency</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Same day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Not specified</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n working day</numerusform>
            <numerusform>%n working days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n working hour(s)</source>
        <translation>
            <numerusform>%n working hour</numerusform>
            <numerusform>%n working hours</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 working days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1 working hours</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CatalogueScreen</name>
    <message>
        <location filename="../../app/ui/screens/catalogue.py" line="+143" />
        <source>Search by name, code or field, with or without accents (Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Opening the catalogue…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+79" />
        <source>%n procedure(s) found</source>
        <translation>
            <numerusform>%n procedure found</numerusform>
            <numerusform>%n procedures found</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>No procedure matches “%1”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>The catalogue could not be searched: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>The documents could not be loaded: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="+69" />
        <source>Procedure catalogue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ProcedureDetail</name>
    <message>
        <location filename="../../app/ui/screens/catalogue.py" line="-216" />
        <source>Required documents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Select a procedure to see its required documents.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Processing time: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Fee: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>none stated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Deciding agency: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>not stated</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>The catalogue lists no documents for this procedure.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>if applicable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>shown, not kept</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n certified copy(ies)</source>
        <translation>
            <numerusform>%n certified copyy</numerusform>
            <numerusform>%n certified copyies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>%n copyy</numerusform>
            <numerusform>%n copyies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n original(s)</source>
        <translation>
            <numerusform>%n original</numerusform>
            <numerusform>%n originals</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../app/ui/app.py" line="+56" />
        <source>The database could not be opened.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Một Cửa Desk met an unexpected error while starting. Please report it to IT staff.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/ui/status_bar.py" line="+36" />
        <source>Standalone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Changes waiting: …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Not signed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Counter: …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Standalone — central server %1 (sync not available yet)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Standalone — central server not configured</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>not configured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Counter: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Changes waiting: unknown (%1)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>UpcomingScreenNotice</name>
    <message>
        <location filename="../../app/ui/screens/upcoming_notice.py" line="+31" />
        <source>Not available yet. %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>UpcomingScreens</name>
    <message>
        <location filename="../../app/ui/screens/upcoming.py" line="+27" />
        <source>Reception</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Receive a dossier: read the applicant's chip ID card, choose the procedure, check the required documents, scan and OCR each page, and print the receipt with its appointment date.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>It arrives with the reception and digitisation issue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Dossiers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Find any dossier by code, receipt QR, ID number, phone or name, and follow its status, deadlines and history.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the dossier look-up issue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Handover</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Group received dossiers into handover batches for the deciding agencies, have the deputy director approve them, and print the control slips.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the handover batches issue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Returns</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Return results to applicants, record who collected them, and ask for their satisfaction rating.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the result return issue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Reports</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Figures of this counter: dossiers received, on time and late, digitisation and satisfaction, and the tracking book.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the reports issue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Sync</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Connection to the central system: changes waiting to be sent, the last successful sync, and changes the central system refused.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the synchronisation issue.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
