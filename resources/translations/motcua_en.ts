<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>ApplicantForm</name>
    <message>
        <location filename="../../app/ui/widgets/applicant_form.py" line="+78" />
        <source>&amp;Individual</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Or&amp;ganisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <location line="+289" />
        <source>&amp;Full name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-288" />
        <location line="+293" />
        <source>I&amp;D number (12 digits)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-291" />
        <source>O&amp;ld ID number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date of &amp;birth (dd/mm/yyyy)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>dd/mm/yyyy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Male</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Female</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Se&amp;x</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Type the commune or ward, accents optional</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Commune / ward</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Phone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Email</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Tax code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Representative</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+144" />
        <source>Read from the chip ID card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+97" />
        <source>“%1” is not a date: type day/month/year, for example 02/03/1990</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+30" />
        <source>&amp;Full name of the organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Representative's I&amp;D number</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/camera_dialog.py" line="+271" />
        <source>Capture pages with the camera</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Camera</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>&amp;Retry</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Capture page (Space)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Done (Esc)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Camera:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <location line="+54" />
        <source>Looking for cameras…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-20" />
        <source>No camera was found. Plug in the document camera (or check its cable) and press Retry.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Camera %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>Opening the camera…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>Waiting for the first picture…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+51" />
        <source>%n page(s) captured</source>
        <translation>
            <numerusform>%n page captured</numerusform>
            <numerusform>%n pages captured</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>Place the page under the camera and press Space.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>No picture</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>An unexpected error stopped the camera. Please report it to IT staff: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CardDifferences</name>
    <message>
        <location filename="../../app/ui/screens/reception_card.py" line="+51" />
        <source>Full name</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>ID number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Old ID number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date of birth</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sex</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Male</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Female</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CardDifferencesDialog</name>
    <message>
        <location line="+58" />
        <source>The card differs from what was typed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>The chip ID card says something else than what was typed. Choose, for each field, the value to keep (arrow keys switch, Tab goes to the next field).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Field</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Typed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>On the card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Apply the choices</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Keep everything typed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Cancel: ignore the card</source>
        <translation type="unfinished" />
    </message>
</context>
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
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../app/ui/widgets/checklist_panel.py" line="+110" />
        <source>Doc&amp;uments received (Space ticks, F2 edits)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Tic&amp;k all</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Reason to accept &amp;without them</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+56" />
        <source>Missing: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Every mandatory document is here</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CounterSetupPanel</name>
    <message>
        <location filename="../../app/ui/widgets/counter_setup.py" line="+28" />
        <source>Set up this counter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Before receiving dossiers, choose the unit and counter this machine serves and the name printed as the receiving clerk. IT staff can change it later.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Use this counter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Counter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Receiving clerk</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>The organisation list has no counter in service.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DeliverySection</name>
    <message>
        <location filename="../../app/ui/widgets/delivery_section.py" line="+29" />
        <source>At the counter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>By post</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Empty: the applicant's address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Deli&amp;very of the result</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Mailing address</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Number of sets</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Queue ticket</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Note&amp;s</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DigitisedDocumentsPanel</name>
    <message>
        <location filename="../../app/ui/dialogs/document_viewer.py" line="+429" />
        <source>Digitised documents (Enter opens, signature checked)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+36" />
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>not signed</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DocumentChecklist</name>
    <message>
        <location filename="../../app/ui/models/document_checklist_model.py" line="+52" />
        <source>Original</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Certified copy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Copy</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Shown, handed back</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Document</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Form</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Copies</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+175" />
        <source>Mandatory</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>If applicable</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DocumentOpener</name>
    <message>
        <location filename="../../app/ui/dialogs/document_viewer.py" line="-174" />
        <source>Document %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Checking the digital signature…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>The file no longer matches the copy the store recorded (its hash differs).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>The file was changed after it was stored</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Valid digital signature - %1, %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>The document was changed after it was signed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Not digitally signed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The signer cannot be trusted</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The digital signature cannot be read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>No program opens PDF files. The PDF is saved at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>An unexpected error stopped opening the document. Please report it to IT staff: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>The document cannot be opened</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DossierDetailPane</name>
    <message>
        <location filename="../../app/ui/screens/dossier_detail.py" line="+132" />
        <source>PROVISIONAL: not yet accepted by the central system. A receipt printed now is marked provisional.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>&amp;Reprint receipt (Ctrl+P)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Printing is not available here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Applicant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Name:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>ID number:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Phone:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Email:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Address:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Procedure and appointment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Procedure:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Processing time:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Deciding agency:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Received:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Appointment:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Timeliness:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Result delivery:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Received by:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Counter:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sets:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notes:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Documents received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>No.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Document</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Form</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>History</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Change, by whom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>Select a dossier to see its details.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+46" />
        <source>Missing documents: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Refused: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Queue ticket: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>By post</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>At the counter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>shown, not kept</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n certified copy(ies)</source>
        <translation>
            <numerusform>%n certified copy</numerusform>
            <numerusform>%n certified copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
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
    <message>
        <location line="+6" />
        <source>Yes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Missing</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n page</numerusform>
            <numerusform>%n pages</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../app/ui/models/dossier_table_model.py" line="+85" />
        <source>Dossier code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Applicant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Procedure</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Appointment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>State</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Timeliness</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Within time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Due soon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Overdue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clock paused (supplement)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Early</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>On time</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Late</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+275" />
        <source>%1 (provisional)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>ID number: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Phone: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Not yet accepted by the central system</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>DossiersScreen</name>
    <message>
        <location filename="../../app/ui/screens/dossiers.py" line="+107" />
        <source>Search by code, name, ID number or phone, with or without accents (Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Today</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>A&amp;ll days</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>All states</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Open (not finished)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Filter by state</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Any due date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+20" />
        <source>Due soon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-19" />
        <location line="+23" />
        <source>Overdue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-22" />
        <source>Filter by due date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Opening the dossiers…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Due before the end of the next working day</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Past the appointment, not finished</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+102" />
        <source>Searching…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+127" />
        <source>%n dossier(s) shown</source>
        <translation>
            <numerusform>%n dossier shown</numerusform>
            <numerusform>%n dossiers shown</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4" />
        <source>More than %1 dossiers match “%2”: the most recent are shown. Type more to narrow the search.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>No dossier matches “%1”.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>No dossier matches these filters.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n dossier(s)</source>
        <translation>
            <numerusform>%n dossier</numerusform>
            <numerusform>%n dossiers</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5" />
        <source>The dossiers could not be read: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>This dossier no longer exists.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>The dossier could not be read: %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LockController</name>
    <message>
        <location filename="../../app/ui/lock.py" line="+269" />
        <source>Type your password to unlock.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Wrong password.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The password could not be checked (%1).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location line="-163" />
        <source>The screen is locked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Password</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Unlock</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Sign in as another user</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="+125" />
        <source>Reception</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Dossiers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Procedure catalogue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sync</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>%1 (Ctrl+%2)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PageEditor</name>
    <message>
        <location filename="../../app/ui/widgets/page_editor.py" line="+147" />
        <source>Digitised pages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Hide the messages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Import files… (Ctrl+I)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Camera… (Ctrl+K)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>⟲ Left (Ctrl+L)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>⟳ Right (Ctrl+Shift+L)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Delete (Del)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rescan (R)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Document (Alt+1…9):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <location line="+677" />
        <source>Select a page to see it here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-665" />
        <source>The recognised text appears here.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+129" />
        <source>Unexpected error, please tell IT staff: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>(not assigned)</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+40" />
        <source>⚠ %n page(s) need a rescan</source>
        <translation>
            <numerusform>⚠ %n page needs a rescan</numerusform>
            <numerusform>⚠ %n pages need a rescan</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>✔ %n page(s) passed</source>
        <translation>
            <numerusform>✔ %n page passed</numerusform>
            <numerusform>✔ %n pages passed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n page(s) being read</source>
        <translation>
            <numerusform>%n page being read</numerusform>
            <numerusform>%n pages being read</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>No page yet: import files (Ctrl+I) or drop them here</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+77" />
        <source>Import pages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Scans and photos (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+359" />
        <source>Press R to rescan this page.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>✔ Page passed the checks (OCR confidence %1%)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Reading the page…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+108" />
        <source>Page %1 deleted. Ctrl+Z brings it back.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>Rescan page %1: scan it again, then import or drop the file; it will take the page's place (Esc cancels).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PageList</name>
    <message>
        <location filename="../../app/ui/models/page_list_model.py" line="+72" />
        <source>Waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reading (OCR)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Passed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rescan needed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+123" />
        <source>OCR confidence: %1%</source>
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
            <numerusform>%n certified copy</numerusform>
            <numerusform>%n certified copies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>%n copy</numerusform>
            <numerusform>%n copies</numerusform>
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
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../app/ui/widgets/procedure_picker.py" line="+50" />
        <source>Pr&amp;ocedure (name, code or field; Ctrl+F)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>e.g. khai sinh, 1.001193, ho tich</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+45" />
        <source>No procedure chosen yet.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+45" />
        <source>No procedure matches.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>The catalogue could not be searched: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+50" />
        <source>Processing time: %1 · Fee: %2</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>none stated</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReceptionForm</name>
    <message>
        <location filename="../../app/ui/screens/reception_form.py" line="+87" />
        <source>Read QR from image… (Ctrl+O)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Supplement request, Mẫu 02 (Ctrl+B)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Refuse, Mẫu 03 (Ctrl+R)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancel (Esc)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Save and print receipt (Ctrl+S)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Applicant (scan the chip ID card anywhere)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Procedure and documents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Result, sets and notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <source>Dossier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Digitisation (Ctrl+D)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReceptionScreen</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="-20" />
        <location filename="../../app/ui/screens/reception.py" line="+137" />
        <source>Opening the reception…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location filename="../../app/ui/screens/reception.py" line="+139" />
        <source>Digitisation (Ctrl+D)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>The dossier that was being entered has been restored.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+17" />
        <location line="+335" />
        <source>Only %n dossier code(s) left for today: ask IT staff to get more from central.</source>
        <translation>
            <numerusform>Only %n dossier code left for today: ask IT staff to get more from central.</numerusform>
            <numerusform>Only %n dossier codes left for today: ask IT staff to get more from central.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-322" />
        <source>The reception could not start: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>Service started at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>What you type cannot be kept as a draft: %1. Keep this window open; the fields keep what you typed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The draft was not saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <location line="+71" />
        <source>Not a readable chip ID card</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-36" />
        <source>Read QR from image</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>No QR code could be read</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>The image holds no QR code.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+68" />
        <source>Pages need a rescan</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n digitised page(s) failed the quality check.</source>
        <translation>
            <numerusform>%n digitised page failed the quality check.</numerusform>
            <numerusform>%n digitised pages failed the quality check.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Go to the page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save anyway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Rescan them now, while the citizen is still at the counter.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+46" />
        <source>Counter not set up</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>No dossier code left</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>The dossier was not saved</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>An unexpected error stopped the save; nothing typed is lost. Please report it to IT staff: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+47" />
        <source>Writing the slip…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Slip saved as PDF: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>The dossier is saved, but its slip could not be written: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>No program opens PDF files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>The PDF is saved at %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <location line="+105" />
        <location line="+48" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-151" />
        <source>Open the PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Printing failed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>You can open the PDF and print it from there.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Discard this dossier?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Everything typed for this dossier will be lost.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Keep typing</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Discard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>Supplement request (Mẫu 02)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Reason printed on the request (the missing mandatory documents are listed under it):</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>The supplement request could not be written</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Supplement request ready</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Saved as PDF: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Print…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Refuse the dossier (Mẫu 03)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reason for refusing, printed on the slip:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../app/ui/widgets/result_panel.py" line="+76" />
        <source>P&amp;aper size</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Print (Ctrl+P)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Open PDF</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;New dossier (Ctrl+N)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Dossier code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Appointment</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Applicant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+43" />
        <source>Dossier refused (Mẫu 03)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Dossier received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Writing the slip…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ReuseDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/reuse_dialog.py" line="+119" />
        <source>Reuse earlier digitised documents</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Earlier dossiers of this citizen already have digitised documents: reuse them?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Space ticks or unticks, Left/Right changes the checklist line, Enter reuses the ticked documents, Esc scans anew.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Reuse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Dossier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Document</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pages</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Goes to</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+41" />
        <location line="+107" />
        <source>(not in the checklist)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-102" />
        <source>&amp;Goes to:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Reuse the ticked documents (Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Scan anew (Esc)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/sign_in_dialog.py" line="+77" />
        <location line="+27" />
        <source>Sign in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-18" />
        <source>&amp;Username:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Password:</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>Continue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>Enter the username and the password.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Signing in…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+39" />
        <source>Signed in offline: the central system cannot be reached.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Signed in offline: the central system cannot be reached. Offline sign-in stays possible until %1; changes wait on this computer and are sent once the connection returns.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Sign-in failed because of an unexpected error (%1).</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/document_viewer.py" line="-165" />
        <source>Open anyway</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../app/ui/app.py" line="+124" />
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
        <location filename="../../app/ui/status_bar.py" line="+63" />
        <source>Standalone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Changes waiting: …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <location line="+41" />
        <source>Not signed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-40" />
        <source>Counter: …</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+90" />
        <source>Standalone — central server not configured</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="-27" />
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n change waiting to sync</numerusform>
            <numerusform>%n changes waiting to sync</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n change(s) refused by central</source>
        <translation>
            <numerusform>%n change refused by central</numerusform>
            <numerusform>%n changes refused by central</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>not configured</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Counter: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Not connected — central server %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Not connected</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Standalone — the demo central server could not start: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <location line="+7" />
        <source>Connecting to the central system…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-5" />
        <source>Not connected — not signed in</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Online</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Offline — changes are kept and sent later</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>%1 (demo central server)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Never synced</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Last sync %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+11" />
        <source>This computer's clock is %n minute(s) off the central system's: ask IT staff to correct it</source>
        <translation>
            <numerusform>This computer's clock is %n minute off the central system's: ask IT staff to correct it</numerusform>
            <numerusform>This computer's clock is %n minutes off the central system's: ask IT staff to correct it</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10" />
        <source>Offline for a while: only %1 dossier number(s) left for today and %2 for tomorrow; reconnect or call IT staff</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Changes waiting: unknown (%1)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../app/ui/screens/sync_screen.py" line="+46" />
        <source>%1 s</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1 min</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>%1 h</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>%1 d</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+77" />
        <source>Sync</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Loading…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Retry now</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Send everything that waits now (F5)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <location line="+10" />
        <source>Change</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-9" />
        <location line="+10" />
        <location line="+8" />
        <source>Dossier code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-17" />
        <source>Waiting for</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Attempts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Last error</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Since</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reason central gave</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>This counter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Central system</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reason</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Waiting</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Refused by central</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Conflicts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Standalone: this counter does not sync with a central system.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <location line="+9" />
        <source>Connecting to the central system…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-7" />
        <source>Not connected: sign in to sync with %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Offline: changes are kept on this computer and sent later (%1).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Online with %1.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+50" />
        <source>The sync lists could not be read: %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>oldest waiting for %1</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n refused by central</source>
        <translation>
            <numerusform>%n refused by central</numerusform>
            <numerusform>%n refused by central</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n conflict</numerusform>
            <numerusform>%n conflicts</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4" />
        <source>Never synced with the central system.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Last successful sync: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Nothing is waiting: every change has reached the central system.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>The central system has refused no change.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>No conflicts between this counter and the central system.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Waiting (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Refused by central (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Conflicts (%1)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Dossier received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Dossier refused</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Digitised files</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Receipt signing key</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>TextPromptDialog</name>
    <message>
        <location filename="../../app/ui/widgets/text_prompt.py" line="+34" />
        <source>OK (Ctrl+Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
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
</context>
<context>
    <name>VerifyReceiptDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/verify_receipt.py" line="+86" />
        <source>Verify a receipt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Scan the QR code at the top left of the receipt, paste its text, or open a scan or photo of it. No network is needed.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>QR code text (scan, or paste and press Enter)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Check</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;image…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Dossier code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Procedure code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Applicant's ID number</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pages received</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Digitised bundle (short hash)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Signed by</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Close</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>Open a scan or photo of the receipt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Reading the QR code in %1…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+23" />
        <source>Checking…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>An unexpected error stopped the check. Please report it to IT staff: %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Nothing could be checked</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Waiting for a QR code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>✔ Genuine and unaltered</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>✖ Altered or forged</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>⚠ Cannot be verified on this computer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>⚠ Unsigned receipt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Not a receipt QR code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Receipt details</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>What the QR code claims (not verified)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>not signed</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>key %1</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>WatchedFolderService</name>
    <message>
        <location filename="../../app/ui/watched_folder.py" line="+231" />
        <location line="+72" />
        <source>An unexpected error stopped reading this file. Please report it to IT staff.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-58" />
        <source>The scanner folder %1 cannot be reached (is the network share or the disk connected?). It is checked again every few seconds.</source>
        <translation type="unfinished" />
    </message>
</context>
</TS>
