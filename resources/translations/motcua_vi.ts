<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
<context>
    <name>ApplicantForm</name>
    <message>
        <location filename="../../app/ui/widgets/applicant_form.py" line="+78" />
        <source>&amp;Individual</source>
        <translation>&amp;Cá nhân</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Or&amp;ganisation</source>
        <translation>&amp;Tổ chức</translation>
    </message>
    <message>
        <location line="+8" />
        <location line="+289" />
        <source>&amp;Full name</source>
        <translation>Họ &amp;và tên</translation>
    </message>
    <message>
        <location line="-288" />
        <location line="+293" />
        <source>I&amp;D number (12 digits)</source>
        <translation>Số định &amp;danh cá nhân (12 chữ số)</translation>
    </message>
    <message>
        <location line="-291" />
        <source>O&amp;ld ID number</source>
        <translation>Số C&amp;MND cũ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date of &amp;birth (dd/mm/yyyy)</source>
        <translation>&amp;Ngày sinh (dd/mm/yyyy)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>dd/mm/yyyy</source>
        <translation>dd/mm/yyyy</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Se&amp;x</source>
        <translation>&amp;Giới tính</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Address</source>
        <translation>Đị&amp;a chỉ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Type the commune or ward, accents optional</source>
        <translation>Gõ tên xã hoặc phường, không cần dấu</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Commune / ward</source>
        <translation>&amp;Xã / phường</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Phone</source>
        <translation>Số điện th&amp;oại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Email</source>
        <translation>&amp;Email</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Tax code</source>
        <translation>&amp;Mã số thuế</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Representative</source>
        <translation>N&amp;gười đại diện</translation>
    </message>
    <message>
        <location line="+144" />
        <source>Read from the chip ID card</source>
        <translation>Đã đọc từ thẻ căn cước gắn chip</translation>
    </message>
    <message>
        <location line="+97" />
        <source>“%1” is not a date: type day/month/year, for example 02/03/1990</source>
        <translation>“%1” không phải là ngày: nhập theo ngày/tháng/năm, ví dụ 02/03/1990</translation>
    </message>
    <message>
        <location line="+30" />
        <source>&amp;Full name of the organisation</source>
        <translation>Tê&amp;n tổ chức</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Representative's I&amp;D number</source>
        <translation>Số định &amp;danh của người đại diện</translation>
    </message>
</context>
<context>
    <name>CameraDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/camera_dialog.py" line="+271" />
        <source>Capture pages with the camera</source>
        <translation>Chụp trang bằng camera</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Camera</source>
        <translation>Camera</translation>
    </message>
    <message>
        <location line="+20" />
        <source>&amp;Retry</source>
        <translation>&amp;Thử lại</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Capture page (Space)</source>
        <translation>Chụp trang (Space)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Done (Esc)</source>
        <translation>Xong (Esc)</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Camera:</source>
        <translation>Camera:</translation>
    </message>
    <message>
        <location line="+20" />
        <location line="+54" />
        <source>Looking for cameras…</source>
        <translation>Đang tìm camera…</translation>
    </message>
    <message>
        <location line="-20" />
        <source>No camera was found. Plug in the document camera (or check its cable) and press Retry.</source>
        <translation>Không tìm thấy camera nào. Hãy cắm camera tài liệu (hoặc kiểm tra dây cắm) rồi bấm Thử lại.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Camera %1</source>
        <translation>Camera %1</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Opening the camera…</source>
        <translation>Đang mở camera…</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Waiting for the first picture…</source>
        <translation>Đang chờ hình đầu tiên…</translation>
    </message>
    <message numerus="yes">
        <location line="+51" />
        <source>%n page(s) captured</source>
        <translation>
            <numerusform>Đã chụp %n trang</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>Place the page under the camera and press Space.</source>
        <translation>Đặt trang giấy dưới camera rồi bấm Space.</translation>
    </message>
    <message>
        <location line="+14" />
        <source>No picture</source>
        <translation>Không có hình</translation>
    </message>
    <message>
        <location line="+15" />
        <source>An unexpected error stopped the camera. Please report it to IT staff: %1</source>
        <translation>Lỗi không lường trước đã làm dừng camera. Hãy báo cho cán bộ CNTT: %1</translation>
    </message>
</context>
<context>
    <name>CardDifferences</name>
    <message>
        <location filename="../../app/ui/screens/reception_card.py" line="+51" />
        <source>Full name</source>
        <translation>Họ và tên</translation>
    </message>
    <message>
        <location line="+1" />
        <source>ID number</source>
        <translation>Số định danh cá nhân</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Old ID number</source>
        <translation>Số CMND cũ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date of birth</source>
        <translation>Ngày sinh</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sex</source>
        <translation>Giới tính</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Address</source>
        <translation>Địa chỉ</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Male</source>
        <translation>Nam</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Female</source>
        <translation>Nữ</translation>
    </message>
</context>
<context>
    <name>CardDifferencesDialog</name>
    <message>
        <location line="+58" />
        <source>The card differs from what was typed</source>
        <translation>Thông tin trên thẻ khác với thông tin đã nhập</translation>
    </message>
    <message>
        <location line="+5" />
        <source>The chip ID card says something else than what was typed. Choose, for each field, the value to keep (arrow keys switch, Tab goes to the next field).</source>
        <translation>Thông tin trên thẻ căn cước gắn chip khác với thông tin đã nhập. Hãy chọn giá trị cần giữ cho từng mục (phím mũi tên để đổi lựa chọn, Tab để sang mục tiếp theo).</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Field</source>
        <translation>Mục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Typed</source>
        <translation>Đã nhập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>On the card</source>
        <translation>Trên thẻ</translation>
    </message>
    <message>
        <location line="+17" />
        <source>Apply the choices</source>
        <translation>Áp dụng lựa chọn</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Keep everything typed</source>
        <translation>&amp;Giữ toàn bộ thông tin đã nhập</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Cancel: ignore the card</source>
        <translation>Hủy: bỏ qua thẻ</translation>
    </message>
</context>
<context>
    <name>CatalogueModel</name>
    <message>
        <location filename="../../app/ui/models/catalogue_model.py" line="+72" />
        <source>Code</source>
        <translation>Mã</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Field</source>
        <translation>Lĩnh vực</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Processing time</source>
        <translation>Thời hạn giải quyết</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Fee</source>
        <translation>Phí, lệ phí</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deciding agency</source>
        <translation>Cơ quan giải quyết</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Same day</source>
        <translation>Trong ngày</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not specified</source>
        <translation>Chưa quy định</translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>%n working day(s)</source>
        <translation>
            <numerusform>%n ngày làm việc</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n working hour(s)</source>
        <translation>
            <numerusform>%n giờ làm việc</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 working days</source>
        <translation>%1 ngày làm việc</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 working hours</source>
        <translation>%1 giờ làm việc</translation>
    </message>
</context>
<context>
    <name>CatalogueScreen</name>
    <message>
        <location filename="../../app/ui/screens/catalogue.py" line="+143" />
        <source>Search by name, code or field, with or without accents (Ctrl+F)</source>
        <translation>Tìm theo tên, mã hoặc lĩnh vực, gõ có dấu hay không dấu đều được (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Opening the catalogue…</source>
        <translation>Đang mở danh mục thủ tục…</translation>
    </message>
    <message numerus="yes">
        <location line="+79" />
        <source>%n procedure(s) found</source>
        <translation>
            <numerusform>Tìm thấy %n thủ tục</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>No procedure matches “%1”.</source>
        <translation>Không có thủ tục nào khớp với “%1”.</translation>
    </message>
    <message>
        <location line="+9" />
        <source>The catalogue could not be searched: %1</source>
        <translation>Không tìm được trong danh mục: %1</translation>
    </message>
    <message>
        <location line="+32" />
        <source>The documents could not be loaded: %1</source>
        <translation>Không tải được thành phần hồ sơ: %1</translation>
    </message>
</context>
<context>
    <name>ChecklistPanel</name>
    <message>
        <location filename="../../app/ui/widgets/checklist_panel.py" line="+110" />
        <source>Doc&amp;uments received (Space ticks, F2 edits)</source>
        <translation>Giấ&amp;y tờ đã nhận (Space: đánh dấu, F2: sửa)</translation>
    </message>
    <message>
        <location line="+18" />
        <source>Tic&amp;k all</source>
        <translation>Đánh dấ&amp;u tất cả</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Reason to accept &amp;without them</source>
        <translation>&amp;Lý do vẫn tiếp nhận khi còn thiếu</translation>
    </message>
    <message>
        <location line="+56" />
        <source>Missing: %1</source>
        <translation>Còn thiếu: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Every mandatory document is here</source>
        <translation>Đã đủ các giấy tờ bắt buộc</translation>
    </message>
</context>
<context>
    <name>CounterSetupPanel</name>
    <message>
        <location filename="../../app/ui/widgets/counter_setup.py" line="+28" />
        <source>Set up this counter</source>
        <translation>Thiết lập quầy</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Before receiving dossiers, choose the unit and counter this machine serves and the name printed as the receiving clerk. IT staff can change it later.</source>
        <translation>Trước khi tiếp nhận hồ sơ, hãy chọn đơn vị và quầy mà máy này phục vụ, cùng họ tên cán bộ tiếp nhận sẽ in trên giấy tờ. Cán bộ công nghệ thông tin có thể thay đổi sau.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Use this counter</source>
        <translation>&amp;Dùng quầy này</translation>
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Counter</source>
        <translation>&amp;Quầy</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Receiving clerk</source>
        <translation>&amp;Cán bộ tiếp nhận</translation>
    </message>
    <message>
        <location line="+25" />
        <source>The organisation list has no counter in service.</source>
        <translation>Danh sách đơn vị chưa có quầy nào đang hoạt động.</translation>
    </message>
</context>
<context>
    <name>DeliverySection</name>
    <message>
        <location filename="../../app/ui/widgets/delivery_section.py" line="+29" />
        <source>At the counter</source>
        <translation>Tại quầy</translation>
    </message>
    <message>
        <location line="+1" />
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Empty: the applicant's address</source>
        <translation>Để trống: dùng địa chỉ của người nộp</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Deli&amp;very of the result</source>
        <translation>Hình thức trả &amp;kết quả</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Mailing address</source>
        <translation>Địa chỉ nhận &amp;qua bưu chính</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Number of sets</source>
        <translation>Số &amp;bộ hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Queue ticket</source>
        <translation>&amp;Số thứ tự</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Note&amp;s</source>
        <translation>Gh&amp;i chú</translation>
    </message>
</context>
<context>
    <name>DigitisedDocumentsPanel</name>
    <message>
        <location filename="../../app/ui/dialogs/document_viewer.py" line="+429" />
        <source>Digitised documents (Enter opens, signature checked)</source>
        <translation>Tài liệu đã số hoá (Enter để mở, có kiểm tra chữ ký số)</translation>
    </message>
    <message numerus="yes">
        <location line="+36" />
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>not signed</source>
        <translation>chưa ký số</translation>
    </message>
</context>
<context>
    <name>DocumentChecklist</name>
    <message>
        <location filename="../../app/ui/models/document_checklist_model.py" line="+52" />
        <source>Original</source>
        <translation>Bản chính</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Certified copy</source>
        <translation>Bản sao chứng thực</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Copy</source>
        <translation>Bản sao</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Shown, handed back</source>
        <translation>Xuất trình, trả lại</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Document</source>
        <translation>Tên giấy tờ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Form</source>
        <translation>Loại bản</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Copies</source>
        <translation>Số bản</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+175" />
        <source>Mandatory</source>
        <translation>Bắt buộc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>If applicable</source>
        <translation>Nếu có</translation>
    </message>
</context>
<context>
    <name>DocumentOpener</name>
    <message>
        <location filename="../../app/ui/dialogs/document_viewer.py" line="-174" />
        <source>Document %1</source>
        <translation>Tài liệu %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Checking the digital signature…</source>
        <translation>Đang kiểm tra chữ ký số…</translation>
    </message>
    <message>
        <location line="+43" />
        <source>The file no longer matches the copy the store recorded (its hash differs).</source>
        <translation>Tệp không còn khớp với bản đã lưu (mã băm khác).</translation>
    </message>
    <message>
        <location line="+12" />
        <source>The file was changed after it was stored</source>
        <translation>Tệp đã bị thay đổi sau khi lưu</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Valid digital signature - %1, %2</source>
        <translation>Chữ ký số hợp lệ - %1, %2</translation>
    </message>
    <message>
        <location line="+3" />
        <source>The document was changed after it was signed</source>
        <translation>Tài liệu đã bị sửa sau khi ký</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not digitally signed</source>
        <translation>Chưa ký số</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The signer cannot be trusted</source>
        <translation>Không tin cậy được người ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The digital signature cannot be read</source>
        <translation>Không đọc được chữ ký số</translation>
    </message>
    <message>
        <location line="+20" />
        <source>No program opens PDF files. The PDF is saved at %1</source>
        <translation>Không có chương trình mở tệp PDF. Tệp PDF được lưu tại %1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>An unexpected error stopped opening the document. Please report it to IT staff: %1</source>
        <translation>Lỗi không lường trước khi mở tài liệu. Hãy báo cho cán bộ CNTT: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>The document cannot be opened</source>
        <translation>Không mở được tài liệu</translation>
    </message>
</context>
<context>
    <name>DossierDetailPane</name>
    <message>
        <location filename="../../app/ui/screens/dossier_detail.py" line="+132" />
        <source>PROVISIONAL: not yet accepted by the central system. A receipt printed now is marked provisional.</source>
        <translation>TẠM THỜI: hồ sơ chưa được hệ thống trung tâm xác nhận. Giấy tiếp nhận in lúc này sẽ được ghi là tạm thời.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>&amp;Reprint receipt (Ctrl+P)</source>
        <translation>&amp;In lại giấy tiếp nhận (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Printing is not available here.</source>
        <translation>Không in được tại đây.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Name:</source>
        <translation>Họ tên:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>ID number:</source>
        <translation>Số định danh:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Phone:</source>
        <translation>Điện thoại:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Email:</source>
        <translation>Email:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Address:</source>
        <translation>Địa chỉ:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Procedure and appointment</source>
        <translation>Thủ tục và hẹn trả kết quả</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Procedure:</source>
        <translation>Thủ tục:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Processing time:</source>
        <translation>Thời hạn giải quyết:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deciding agency:</source>
        <translation>Cơ quan giải quyết:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received:</source>
        <translation>Tiếp nhận lúc:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Appointment:</source>
        <translation>Ngày hẹn trả:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Timeliness:</source>
        <translation>Tiến độ:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Result delivery:</source>
        <translation>Hình thức trả kết quả:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received by:</source>
        <translation>Cán bộ tiếp nhận:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Counter:</source>
        <translation>Quầy:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sets:</source>
        <translation>Số bộ:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Notes:</source>
        <translation>Ghi chú:</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Documents received</source>
        <translation>Thành phần hồ sơ đã nhận</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No.</source>
        <translation>STT</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Document</source>
        <translation>Tên giấy tờ</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Form</source>
        <translation>Loại bản</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Received</source>
        <translation>Đã nhận</translation>
    </message>
    <message>
        <location line="+7" />
        <source>History</source>
        <translation>Quá trình xử lý</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Time</source>
        <translation>Thời gian</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Change, by whom</source>
        <translation>Nội dung, người thực hiện</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Select a dossier to see its details.</source>
        <translation>Chọn một hồ sơ để xem chi tiết.</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Missing documents: %1</source>
        <translation>Thiếu giấy tờ: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Refused: %1</source>
        <translation>Lý do từ chối: %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Queue ticket: %1</source>
        <translation>Số thứ tự: %1</translation>
    </message>
    <message>
        <location line="+14" />
        <source>By post</source>
        <translation>Qua bưu chính</translation>
    </message>
    <message>
        <location line="+5" />
        <source>At the counter</source>
        <translation>Tại quầy</translation>
    </message>
    <message>
        <location line="+5" />
        <source>shown, not kept</source>
        <translation>xuất trình, không lưu</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n certified copy(ies)</source>
        <translation>
            <numerusform>%n bản sao chứng thực</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>%n bản sao</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n original(s)</source>
        <translation>
            <numerusform>%n bản chính</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>Yes</source>
        <translation>Có</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Missing</source>
        <translation>Thiếu</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n page(s)</source>
        <translation>
            <numerusform>%n trang</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DossierTableModel</name>
    <message>
        <location filename="../../app/ui/models/dossier_table_model.py" line="+85" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Procedure</source>
        <translation>Thủ tục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Received</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Appointment</source>
        <translation>Hẹn trả</translation>
    </message>
    <message>
        <location line="+1" />
        <source>State</source>
        <translation>Trạng thái</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Timeliness</source>
        <translation>Tiến độ</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Within time</source>
        <translation>Trong hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Clock paused (supplement)</source>
        <translation>Tạm dừng</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Early</source>
        <translation>Trước hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>On time</source>
        <translation>Đúng hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Late</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location line="+275" />
        <source>%1 (provisional)</source>
        <translation>%1 (tạm thời)</translation>
    </message>
    <message>
        <location line="+12" />
        <source>ID number: %1</source>
        <translation>Số định danh: %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Phone: %1</source>
        <translation>Điện thoại: %1</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Not yet accepted by the central system</source>
        <translation>Chưa được hệ thống trung tâm xác nhận</translation>
    </message>
</context>
<context>
    <name>DossiersScreen</name>
    <message>
        <location filename="../../app/ui/screens/dossiers.py" line="+107" />
        <source>Search by code, name, ID number or phone, with or without accents (Ctrl+F)</source>
        <translation>Tìm theo mã, họ tên, số định danh, điện thoại, gõ có dấu hay không (Ctrl+F)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Today</source>
        <translation>&amp;Hôm nay</translation>
    </message>
    <message>
        <location line="+2" />
        <source>A&amp;ll days</source>
        <translation>&amp;Tất cả các ngày</translation>
    </message>
    <message>
        <location line="+10" />
        <source>All states</source>
        <translation>Mọi trạng thái</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open (not finished)</source>
        <translation>Chưa hoàn thành</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Filter by state</source>
        <translation>Lọc theo trạng thái</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Any due date</source>
        <translation>Mọi thời hạn</translation>
    </message>
    <message>
        <location line="+1" />
        <location line="+20" />
        <source>Due soon</source>
        <translation>Sắp đến hạn</translation>
    </message>
    <message>
        <location line="-19" />
        <location line="+23" />
        <source>Overdue</source>
        <translation>Quá hạn</translation>
    </message>
    <message>
        <location line="-22" />
        <source>Filter by due date</source>
        <translation>Lọc theo thời hạn</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Opening the dossiers…</source>
        <translation>Đang mở danh sách hồ sơ…</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Due before the end of the next working day</source>
        <translation>Đến hạn trước khi hết ngày làm việc tiếp theo</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Past the appointment, not finished</source>
        <translation>Đã quá ngày hẹn trả mà chưa hoàn thành</translation>
    </message>
    <message>
        <location line="+102" />
        <source>Searching…</source>
        <translation>Đang tìm…</translation>
    </message>
    <message numerus="yes">
        <location line="+127" />
        <source>%n dossier(s) shown</source>
        <translation>
            <numerusform>Đang hiển thị %n hồ sơ</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4" />
        <source>More than %1 dossiers match “%2”: the most recent are shown. Type more to narrow the search.</source>
        <translation>Có hơn %1 hồ sơ khớp với “%2”: chỉ hiển thị các hồ sơ mới nhất. Hãy gõ thêm để thu hẹp kết quả tìm kiếm.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>No dossier matches “%1”.</source>
        <translation>Không có hồ sơ nào khớp với “%1”.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>No dossier matches these filters.</source>
        <translation>Không có hồ sơ nào phù hợp với bộ lọc đã chọn.</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n dossier(s)</source>
        <translation>
            <numerusform>%n hồ sơ</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5" />
        <source>The dossiers could not be read: %1</source>
        <translation>Không đọc được danh sách hồ sơ: %1</translation>
    </message>
    <message>
        <location line="+37" />
        <source>This dossier no longer exists.</source>
        <translation>Hồ sơ này không còn tồn tại.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>The dossier could not be read: %1</source>
        <translation>Không đọc được hồ sơ: %1</translation>
    </message>
</context>
<context>
    <name>LockController</name>
    <message>
        <location filename="../../app/ui/lock.py" line="+269" />
        <source>Type your password to unlock.</source>
        <translation>Hãy nhập mật khẩu để mở khoá.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Wrong password.</source>
        <translation>Sai mật khẩu.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The password could not be checked (%1).</source>
        <translation>Không kiểm tra được mật khẩu (%1).</translation>
    </message>
</context>
<context>
    <name>LockOverlay</name>
    <message>
        <location line="-163" />
        <source>The screen is locked</source>
        <translation>Màn hình đã khoá</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Password</source>
        <translation>Mật khẩu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Unlock</source>
        <translation>Mở khoá</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Sign in as another user</source>
        <translation>Đăng nhập bằng tài khoản khác</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="+125" />
        <source>Reception</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Procedure catalogue</source>
        <translation>Danh mục thủ tục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location line="+15" />
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
    </message>
</context>
<context>
    <name>PageEditor</name>
    <message>
        <location filename="../../app/ui/widgets/page_editor.py" line="+147" />
        <source>Digitised pages</source>
        <translation>Các trang đã số hoá</translation>
    </message>
    <message>
        <location line="+14" />
        <source>Hide the messages</source>
        <translation>Ẩn các thông báo</translation>
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Import files… (Ctrl+I)</source>
        <translation>&amp;Nhập tệp… (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Camera… (Ctrl+K)</source>
        <translation>Chụp bằng camera… (Ctrl+K)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>⟲ Left (Ctrl+L)</source>
        <translation>⟲ Xoay trái (Ctrl+L)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>⟳ Right (Ctrl+Shift+L)</source>
        <translation>⟳ Xoay phải (Ctrl+Shift+L)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Delete (Del)</source>
        <translation>Xoá (Del)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rescan (R)</source>
        <translation>Quét lại (R)</translation>
    </message>
    <message>
        <location line="+7" />
        <source>&amp;Document (Alt+1…9):</source>
        <translation>&amp;Giấy tờ (Alt+1…9):</translation>
    </message>
    <message>
        <location line="+13" />
        <location line="+677" />
        <source>Select a page to see it here.</source>
        <translation>Chọn một trang để xem tại đây.</translation>
    </message>
    <message>
        <location line="-665" />
        <source>The recognised text appears here.</source>
        <translation>Văn bản nhận dạng được (OCR) hiện ở đây.</translation>
    </message>
    <message>
        <location line="+129" />
        <source>Unexpected error, please tell IT staff: %1</source>
        <translation>Lỗi không lường trước, vui lòng báo cho bộ phận CNTT: %1</translation>
    </message>
    <message>
        <location line="+12" />
        <source>(not assigned)</source>
        <translation>(chưa gắn với giấy tờ nào)</translation>
    </message>
    <message numerus="yes">
        <location line="+40" />
        <source>⚠ %n page(s) need a rescan</source>
        <translation>
            <numerusform>⚠ %n trang cần quét lại</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>✔ %n page(s) passed</source>
        <translation>
            <numerusform>✔ %n trang đạt</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n page(s) being read</source>
        <translation>
            <numerusform>đang đọc %n trang</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>No page yet: import files (Ctrl+I) or drop them here</source>
        <translation>Chưa có trang nào: nhập tệp (Ctrl+I) hoặc kéo thả tệp vào đây</translation>
    </message>
    <message>
        <location line="+77" />
        <source>Import pages</source>
        <translation>Nhập trang</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Scans and photos (%1)</source>
        <translation>Bản quét và ảnh chụp (%1)</translation>
    </message>
    <message>
        <location line="+359" />
        <source>Press R to rescan this page.</source>
        <translation>Nhấn R để quét lại trang này.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>✔ Page passed the checks (OCR confidence %1%)</source>
        <translation>✔ Trang đạt yêu cầu (độ tin cậy OCR %1%)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Reading the page…</source>
        <translation>Đang đọc trang…</translation>
    </message>
    <message>
        <location line="+108" />
        <source>Page %1 deleted. Ctrl+Z brings it back.</source>
        <translation>Đã xoá trang %1. Nhấn Ctrl+Z để khôi phục.</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Rescan page %1: scan it again, then import or drop the file; it will take the page's place (Esc cancels).</source>
        <translation>Quét lại trang %1: quét lại giấy tờ rồi nhập hoặc kéo thả tệp vào; trang mới sẽ thay đúng vị trí của trang này (Esc để huỷ).</translation>
    </message>
</context>
<context>
    <name>PageList</name>
    <message>
        <location filename="../../app/ui/models/page_list_model.py" line="+72" />
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reading (OCR)</source>
        <translation>Đang đọc (OCR)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Passed</source>
        <translation>Đạt</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Rescan needed</source>
        <translation>Cần quét lại</translation>
    </message>
    <message>
        <location line="+123" />
        <source>OCR confidence: %1%</source>
        <translation>Độ tin cậy OCR: %1%</translation>
    </message>
</context>
<context>
    <name>ProcedureDetail</name>
    <message>
        <location filename="../../app/ui/screens/catalogue.py" line="-216" />
        <source>Required documents</source>
        <translation>Thành phần hồ sơ</translation>
    </message>
    <message>
        <location line="+16" />
        <source>Select a procedure to see its required documents.</source>
        <translation>Chọn một thủ tục để xem thành phần hồ sơ.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Processing time: %1</source>
        <translation>Thời hạn giải quyết: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Fee: %1</source>
        <translation>Phí, lệ phí: %1</translation>
    </message>
    <message>
        <location line="+0" />
        <source>none stated</source>
        <translation>không ghi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Deciding agency: %1</source>
        <translation>Cơ quan giải quyết: %1</translation>
    </message>
    <message>
        <location line="+1" />
        <source>not stated</source>
        <translation>không ghi</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location line="+6" />
        <source>The catalogue lists no documents for this procedure.</source>
        <translation>Danh mục không ghi thành phần hồ sơ nào cho thủ tục này.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>if applicable</source>
        <translation>nếu có</translation>
    </message>
    <message>
        <location line="+9" />
        <source>shown, not kept</source>
        <translation>xuất trình, không lưu</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n certified copy(ies)</source>
        <translation>
            <numerusform>%n bản sao chứng thực</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n copy(ies)</source>
        <translation>
            <numerusform>%n bản sao</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n original(s)</source>
        <translation>
            <numerusform>%n bản chính</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProcedurePicker</name>
    <message>
        <location filename="../../app/ui/widgets/procedure_picker.py" line="+50" />
        <source>Pr&amp;ocedure (name, code or field; Ctrl+F)</source>
        <translation>T&amp;hủ tục (tên, mã hoặc lĩnh vực; Ctrl+F)</translation>
    </message>
    <message>
        <location line="+3" />
        <source>e.g. khai sinh, 1.001193, ho tich</source>
        <translation>Ví dụ: khai sinh, 1.001193, ho tich</translation>
    </message>
    <message>
        <location line="+45" />
        <source>No procedure chosen yet.</source>
        <translation>Chưa chọn thủ tục.</translation>
    </message>
    <message>
        <location line="+45" />
        <source>No procedure matches.</source>
        <translation>Không có thủ tục nào phù hợp.</translation>
    </message>
    <message>
        <location line="+11" />
        <source>The catalogue could not be searched: %1</source>
        <translation>Không tìm được trong danh mục: %1</translation>
    </message>
    <message>
        <location line="+50" />
        <source>Processing time: %1 · Fee: %2</source>
        <translation>Thời hạn giải quyết: %1 · Phí, lệ phí: %2</translation>
    </message>
    <message>
        <location line="+2" />
        <source>none stated</source>
        <translation>không ghi</translation>
    </message>
</context>
<context>
    <name>ReceptionForm</name>
    <message>
        <location filename="../../app/ui/screens/reception_form.py" line="+87" />
        <source>Read QR from image… (Ctrl+O)</source>
        <translation>Đọc mã QR từ ảnh… (Ctrl+O)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Supplement request, Mẫu 02 (Ctrl+B)</source>
        <translation>Yêu cầu bổ sung, Mẫu 02 (Ctrl+B)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refuse, Mẫu 03 (Ctrl+R)</source>
        <translation>Từ chối, Mẫu 03 (Ctrl+R)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel (Esc)</source>
        <translation>Hủy (Esc)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Save and print receipt (Ctrl+S)</source>
        <translation>Lưu và in giấy tiếp nhận (Ctrl+S)</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Applicant (scan the chip ID card anywhere)</source>
        <translation>Người nộp hồ sơ (quét thẻ căn cước ở bất kỳ ô nào)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Procedure and documents</source>
        <translation>Thủ tục và thành phần hồ sơ</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Result, sets and notes</source>
        <translation>Trả kết quả, số bộ hồ sơ và ghi chú</translation>
    </message>
    <message>
        <location line="+41" />
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Digitisation (Ctrl+D)</source>
        <translation>Số hoá (Ctrl+D)</translation>
    </message>
</context>
<context>
    <name>ReceptionScreen</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="-20" />
        <location filename="../../app/ui/screens/reception.py" line="+137" />
        <source>Opening the reception…</source>
        <translation>Đang mở màn hình tiếp nhận…</translation>
    </message>
    <message>
        <location filename="../../app/ui/screens/reception.py" line="+139" />
        <source>Digitisation (Ctrl+D)</source>
        <translation>Số hoá (Ctrl+D)</translation>
    </message>
    <message>
        <location line="+32" />
        <source>The dossier that was being entered has been restored.</source>
        <translation>Đã khôi phục hồ sơ đang nhập dở</translation>
    </message>
    <message numerus="yes">
        <location line="+17" />
        <location line="+335" />
        <source>Only %n dossier code(s) left for today: ask IT staff to get more from central.</source>
        <translation>
            <numerusform>Hôm nay chỉ còn %n mã hồ sơ: hãy đề nghị cán bộ công nghệ thông tin lấy thêm mã từ hệ thống trung tâm.</numerusform>
        </translation>
    </message>
    <message>
        <location line="-322" />
        <source>The reception could not start: %1</source>
        <translation>Không mở được màn hình tiếp nhận: %1</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Service started at %1</source>
        <translation>Bắt đầu phục vụ lúc %1</translation>
    </message>
    <message>
        <location line="+35" />
        <source>What you type cannot be kept as a draft: %1. Keep this window open; the fields keep what you typed.</source>
        <translation>Không lưu được bản nháp của thông tin đang nhập: %1. Hãy giữ cửa sổ này mở; các ô vẫn giữ nguyên những gì đã nhập.</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The draft was not saved</source>
        <translation>Chưa lưu được bản nháp</translation>
    </message>
    <message>
        <location line="+20" />
        <location line="+71" />
        <source>Not a readable chip ID card</source>
        <translation>Không đọc được thẻ căn cước gắn chip</translation>
    </message>
    <message>
        <location line="-36" />
        <source>Read QR from image</source>
        <translation>Đọc mã QR từ ảnh</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)</translation>
    </message>
    <message>
        <location line="+16" />
        <source>No QR code could be read</source>
        <translation>Không đọc được mã QR</translation>
    </message>
    <message>
        <location line="+19" />
        <source>The image holds no QR code.</source>
        <translation>Ảnh không có mã QR nào.</translation>
    </message>
    <message>
        <location line="+68" />
        <source>Pages need a rescan</source>
        <translation>Có trang cần quét lại</translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n digitised page(s) failed the quality check.</source>
        <translation>
            <numerusform>%n trang đã số hoá không đạt kiểm tra chất lượng.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Go to the page</source>
        <translation>&amp;Đến trang đó</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Save anyway</source>
        <translation>&amp;Vẫn lưu</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Rescan them now, while the citizen is still at the counter.</source>
        <translation>Hãy quét lại ngay khi công dân còn ở quầy.</translation>
    </message>
    <message>
        <location line="+46" />
        <source>Counter not set up</source>
        <translation>Chưa thiết lập quầy</translation>
    </message>
    <message>
        <location line="+4" />
        <source>No dossier code left</source>
        <translation>Đã hết mã hồ sơ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>The dossier was not saved</source>
        <translation>Chưa lưu được hồ sơ</translation>
    </message>
    <message>
        <location line="+4" />
        <source>An unexpected error stopped the save; nothing typed is lost. Please report it to IT staff: %1</source>
        <translation>Có lỗi không mong đợi nên chưa lưu được hồ sơ; thông tin đã nhập không bị mất. Vui lòng báo cho cán bộ công nghệ thông tin: %1</translation>
    </message>
    <message>
        <location line="+47" />
        <source>Writing the slip…</source>
        <translation>Đang tạo phiếu…</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Slip saved as PDF: %1</source>
        <translation>Đã lưu phiếu dạng PDF: %1</translation>
    </message>
    <message>
        <location line="+7" />
        <source>The dossier is saved, but its slip could not be written: %1</source>
        <translation>Đã lưu hồ sơ nhưng không tạo được phiếu: %1</translation>
    </message>
    <message>
        <location line="+36" />
        <source>No program opens PDF files</source>
        <translation>Không có chương trình nào mở được tệp PDF</translation>
    </message>
    <message>
        <location line="+1" />
        <source>The PDF is saved at %1</source>
        <translation>Tệp PDF đã được lưu tại %1</translation>
    </message>
    <message>
        <location line="+37" />
        <location line="+105" />
        <location line="+48" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="-151" />
        <source>Open the PDF</source>
        <translation>Mở tệp PDF</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Printing failed</source>
        <translation>In không thành công</translation>
    </message>
    <message>
        <location line="+4" />
        <source>You can open the PDF and print it from there.</source>
        <translation>Có thể mở tệp PDF và in từ đó.</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Discard this dossier?</source>
        <translation>Bỏ hồ sơ đang nhập?</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Everything typed for this dossier will be lost.</source>
        <translation>Toàn bộ thông tin đã nhập cho hồ sơ này sẽ bị mất.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Keep typing</source>
        <translation>&amp;Tiếp tục nhập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Discard</source>
        <translation>&amp;Bỏ hồ sơ</translation>
    </message>
    <message>
        <location line="+21" />
        <source>Supplement request (Mẫu 02)</source>
        <translation>Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ (Mẫu 02)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Reason printed on the request (the missing mandatory documents are listed under it):</source>
        <translation>Lý do in trên phiếu (các giấy tờ bắt buộc còn thiếu được liệt kê bên dưới):</translation>
    </message>
    <message>
        <location line="+17" />
        <source>The supplement request could not be written</source>
        <translation>Không tạo được phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</translation>
    </message>
    <message>
        <location line="+12" />
        <source>Supplement request ready</source>
        <translation>Đã tạo phiếu yêu cầu bổ sung, hoàn thiện hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Saved as PDF: %1</source>
        <translation>Đã lưu dạng PDF: %1</translation>
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Print…</source>
        <translation>&amp;In…</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Open PDF</source>
        <translation>&amp;Mở PDF</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Refuse the dossier (Mẫu 03)</source>
        <translation>Từ chối tiếp nhận hồ sơ (Mẫu 03)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reason for refusing, printed on the slip:</source>
        <translation>Lý do từ chối (in trên phiếu):</translation>
    </message>
</context>
<context>
    <name>ResultPanel</name>
    <message>
        <location filename="../../app/ui/widgets/result_panel.py" line="+76" />
        <source>P&amp;aper size</source>
        <translation>&amp;Khổ giấy</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Print (Ctrl+P)</source>
        <translation>&amp;In (Ctrl+P)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Open PDF</source>
        <translation>&amp;Mở PDF</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;New dossier (Ctrl+N)</source>
        <translation>&amp;Hồ sơ mới (Ctrl+N)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Appointment</source>
        <translation>Ngày hẹn trả</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Received</source>
        <translation>Tiếp nhận lúc</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Applicant</source>
        <translation>Người nộp hồ sơ</translation>
    </message>
    <message>
        <location line="+43" />
        <source>Dossier refused (Mẫu 03)</source>
        <translation>Đã từ chối tiếp nhận hồ sơ (Mẫu 03)</translation>
    </message>
    <message>
        <location line="+0" />
        <source>Dossier received</source>
        <translation>Đã tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location line="+9" />
        <source>Writing the slip…</source>
        <translation>Đang tạo phiếu…</translation>
    </message>
</context>
<context>
    <name>ReuseDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/reuse_dialog.py" line="+119" />
        <source>Reuse earlier digitised documents</source>
        <translation>Dùng lại tài liệu đã số hoá</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Earlier dossiers of this citizen already have digitised documents: reuse them?</source>
        <translation>Hồ sơ trước của công dân này đã có bản số hoá: dùng lại?</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Space ticks or unticks, Left/Right changes the checklist line, Enter reuses the ticked documents, Esc scans anew.</source>
        <translation>Space để chọn hoặc bỏ chọn, Trái/Phải để đổi thành phần hồ sơ, Enter để dùng lại các tài liệu đã chọn, Esc để quét mới.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Reuse</source>
        <translation>Dùng lại</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossier</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Date</source>
        <translation>Ngày</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Document</source>
        <translation>Tên giấy tờ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pages</source>
        <translation>Số trang</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Goes to</source>
        <translation>Thuộc thành phần</translation>
    </message>
    <message>
        <location line="+41" />
        <location line="+107" />
        <source>(not in the checklist)</source>
        <translation>(không thuộc thành phần nào)</translation>
    </message>
    <message>
        <location line="-102" />
        <source>&amp;Goes to:</source>
        <translation>&amp;Thuộc thành phần:</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Reuse the ticked documents (Enter)</source>
        <translation>Dùng lại tài liệu đã chọn (Enter)</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Scan anew (Esc)</source>
        <translation>Quét mới (Esc)</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/sign_in_dialog.py" line="+77" />
        <location line="+27" />
        <source>Sign in</source>
        <translation>Đăng nhập</translation>
    </message>
    <message>
        <location line="-18" />
        <source>&amp;Username:</source>
        <translation>&amp;Tên đăng nhập:</translation>
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Password:</source>
        <translation>&amp;Mật khẩu:</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Continue</source>
        <translation>Tiếp tục</translation>
    </message>
    <message>
        <location line="+37" />
        <source>Enter the username and the password.</source>
        <translation>Hãy nhập tên đăng nhập và mật khẩu.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Signing in…</source>
        <translation>Đang đăng nhập…</translation>
    </message>
    <message>
        <location line="+39" />
        <source>Signed in offline: the central system cannot be reached.</source>
        <translation>Đã đăng nhập ngoại tuyến: không kết nối được hệ thống trung tâm.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Signed in offline: the central system cannot be reached. Offline sign-in stays possible until %1; changes wait on this computer and are sent once the connection returns.</source>
        <translation>Đã đăng nhập ngoại tuyến: không kết nối được hệ thống trung tâm. Có thể đăng nhập ngoại tuyến đến %1; các thay đổi được giữ trên máy này và sẽ tự gửi khi có kết nối trở lại.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Sign-in failed because of an unexpected error (%1).</source>
        <translation>Đăng nhập không thành công do lỗi không mong đợi (%1).</translation>
    </message>
</context>
<context>
    <name>SignatureDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/document_viewer.py" line="-165" />
        <source>Open anyway</source>
        <translation>Vẫn mở</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>Startup</name>
    <message>
        <location filename="../../app/ui/app.py" line="+124" />
        <source>The database could not be opened.</source>
        <translation>Không mở được cơ sở dữ liệu.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Một Cửa Desk met an unexpected error while starting. Please report it to IT staff.</source>
        <translation>Một Cửa Desk gặp lỗi không mong đợi khi khởi động. Vui lòng báo cho cán bộ công nghệ thông tin.</translation>
    </message>
    <message>
        <location line="+10" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
</context>
<context>
    <name>StatusBar</name>
    <message>
        <location filename="../../app/ui/status_bar.py" line="+63" />
        <source>Standalone</source>
        <translation>Chạy độc lập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changes waiting: …</source>
        <translation>Thay đổi chờ đồng bộ: …</translation>
    </message>
    <message>
        <location line="+7" />
        <location line="+41" />
        <source>Not signed in</source>
        <translation>Chưa đăng nhập</translation>
    </message>
    <message>
        <location line="-40" />
        <source>Counter: …</source>
        <translation>Quầy: …</translation>
    </message>
    <message>
        <location line="+90" />
        <source>Standalone — central server not configured</source>
        <translation>Chạy độc lập — chưa cấu hình máy chủ trung tâm</translation>
    </message>
    <message numerus="yes">
        <location line="-27" />
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n thay đổi chờ đồng bộ</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n change(s) refused by central</source>
        <translation>
            <numerusform>%n thay đổi bị trung tâm từ chối</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6" />
        <source>not configured</source>
        <translation>chưa cấu hình</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Counter: %1</source>
        <translation>Quầy: %1</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Not connected — central server %1</source>
        <translation>Chưa kết nối — máy chủ trung tâm %1</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Not connected</source>
        <translation>Chưa kết nối</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Standalone — the demo central server could not start: %1</source>
        <translation>Chạy độc lập — máy chủ trung tâm thử nghiệm không khởi động được: %1</translation>
    </message>
    <message>
        <location line="+5" />
        <location line="+7" />
        <source>Connecting to the central system…</source>
        <translation>Đang kết nối hệ thống trung tâm…</translation>
    </message>
    <message>
        <location line="-5" />
        <source>Not connected — not signed in</source>
        <translation>Chưa kết nối — chưa đăng nhập</translation>
    </message>
    <message>
        <location line="+7" />
        <source>Online</source>
        <translation>Trực tuyến</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Offline — changes are kept and sent later</source>
        <translation>Mất kết nối — thay đổi được giữ lại và gửi sau</translation>
    </message>
    <message>
        <location line="+3" />
        <source>%1 (demo central server)</source>
        <translation>%1 (máy chủ trung tâm thử nghiệm)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Never synced</source>
        <translation>Chưa đồng bộ lần nào</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Last sync %1</source>
        <translation>Đồng bộ lần cuối %1</translation>
    </message>
    <message numerus="yes">
        <location line="+11" />
        <source>This computer's clock is %n minute(s) off the central system's: ask IT staff to correct it</source>
        <translation>
            <numerusform>Đồng hồ máy này lệch %n phút so với hệ thống trung tâm: hãy nhờ cán bộ kỹ thuật chỉnh lại</numerusform>
        </translation>
    </message>
    <message>
        <location line="+10" />
        <source>Offline for a while: only %1 dossier number(s) left for today and %2 for tomorrow; reconnect or call IT staff</source>
        <translation>Mất kết nối đã lâu: chỉ còn %1 số hồ sơ cho hôm nay và %2 cho ngày mai; hãy kết nối lại hoặc gọi cán bộ kỹ thuật</translation>
    </message>
    <message>
        <location line="+15" />
        <source>Changes waiting: unknown (%1)</source>
        <translation>Thay đổi chờ đồng bộ: không rõ (%1)</translation>
    </message>
</context>
<context>
    <name>SyncScreen</name>
    <message>
        <location filename="../../app/ui/screens/sync_screen.py" line="+46" />
        <source>%1 s</source>
        <translation>%1 giây</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 min</source>
        <translation>%1 phút</translation>
    </message>
    <message>
        <location line="+2" />
        <source>%1 h</source>
        <translation>%1 giờ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>%1 d</source>
        <translation>%1 ngày</translation>
    </message>
    <message>
        <location line="+77" />
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Loading…</source>
        <translation>Đang tải…</translation>
    </message>
    <message>
        <location line="+11" />
        <source>&amp;Retry now</source>
        <translation>&amp;Thử lại ngay</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Send everything that waits now (F5)</source>
        <translation>Gửi ngay mọi thay đổi đang chờ (F5)</translation>
    </message>
    <message>
        <location line="+9" />
        <location line="+10" />
        <source>Change</source>
        <translation>Thay đổi</translation>
    </message>
    <message>
        <location line="-9" />
        <location line="+10" />
        <location line="+8" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="-17" />
        <source>Waiting for</source>
        <translation>Đã chờ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Attempts</source>
        <translation>Số lần gửi</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Last error</source>
        <translation>Lỗi gần nhất</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Since</source>
        <translation>Từ lúc</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reason central gave</source>
        <translation>Lý do trung tâm đưa ra</translation>
    </message>
    <message>
        <location line="+7" />
        <source>This counter</source>
        <translation>Tại quầy này</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Central system</source>
        <translation>Hệ thống trung tâm</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Reason</source>
        <translation>Lý do</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Waiting</source>
        <translation>Đang chờ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Refused by central</source>
        <translation>Bị trung tâm từ chối</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Conflicts</source>
        <translation>Xung đột</translation>
    </message>
    <message>
        <location line="+29" />
        <source>Standalone: this counter does not sync with a central system.</source>
        <translation>Chạy độc lập: quầy này không đồng bộ với hệ thống trung tâm.</translation>
    </message>
    <message>
        <location line="+4" />
        <location line="+9" />
        <source>Connecting to the central system…</source>
        <translation>Đang kết nối hệ thống trung tâm…</translation>
    </message>
    <message>
        <location line="-7" />
        <source>Not connected: sign in to sync with %1.</source>
        <translation>Chưa kết nối: hãy đăng nhập để đồng bộ với %1.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Offline: changes are kept on this computer and sent later (%1).</source>
        <translation>Mất kết nối: thay đổi được giữ trên máy này và sẽ gửi sau (%1).</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Online with %1.</source>
        <translation>Đang trực tuyến với %1.</translation>
    </message>
    <message>
        <location line="+50" />
        <source>The sync lists could not be read: %1</source>
        <translation>Không đọc được danh sách đồng bộ: %1</translation>
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n thay đổi đang chờ</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>oldest waiting for %1</source>
        <translation>lâu nhất đã chờ %1</translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n refused by central</source>
        <translation>
            <numerusform>%n bị trung tâm từ chối</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n conflict(s)</source>
        <translation>
            <numerusform>%n xung đột</numerusform>
        </translation>
    </message>
    <message>
        <location line="+4" />
        <source>Never synced with the central system.</source>
        <translation>Chưa đồng bộ với hệ thống trung tâm lần nào.</translation>
    </message>
    <message>
        <location line="+3" />
        <source>Last successful sync: %1</source>
        <translation>Đồng bộ thành công lần cuối: %1</translation>
    </message>
    <message>
        <location line="+19" />
        <source>Nothing is waiting: every change has reached the central system.</source>
        <translation>Không có thay đổi nào đang chờ: mọi thay đổi đã đến hệ thống trung tâm.</translation>
    </message>
    <message>
        <location line="+13" />
        <source>The central system has refused no change.</source>
        <translation>Hệ thống trung tâm không từ chối thay đổi nào.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>No conflicts between this counter and the central system.</source>
        <translation>Không có xung đột giữa quầy này và hệ thống trung tâm.</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Waiting (%1)</source>
        <translation>Đang chờ (%1)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Refused by central (%1)</source>
        <translation>Bị trung tâm từ chối (%1)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Conflicts (%1)</source>
        <translation>Xung đột (%1)</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Dossier received</source>
        <translation>Tiếp nhận hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Dossier refused</source>
        <translation>Từ chối tiếp nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Digitised files</source>
        <translation>Tệp số hoá</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Receipt signing key</source>
        <translation>Khoá ký giấy tiếp nhận</translation>
    </message>
</context>
<context>
    <name>TextPromptDialog</name>
    <message>
        <location filename="../../app/ui/widgets/text_prompt.py" line="+34" />
        <source>OK (Ctrl+Enter)</source>
        <translation>Đồng ý (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation>Hủy</translation>
    </message>
</context>
<context>
    <name>UpcomingScreenNotice</name>
    <message>
        <location filename="../../app/ui/screens/upcoming_notice.py" line="+31" />
        <source>Not available yet. %1</source>
        <translation>Chức năng này chưa có. %1</translation>
    </message>
</context>
<context>
    <name>UpcomingScreens</name>
    <message>
        <location filename="../../app/ui/screens/upcoming.py" line="+27" />
        <source>Handover</source>
        <translation>Bàn giao</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Group received dossiers into handover batches for the deciding agencies, have the deputy director approve them, and print the control slips.</source>
        <translation>Lập các đợt bàn giao hồ sơ đã tiếp nhận cho cơ quan giải quyết, trình phó giám đốc phê duyệt và in Phiếu kiểm soát quá trình giải quyết hồ sơ.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the handover batches issue.</source>
        <translation>Màn hình này sẽ có khi hoàn thành hạng mục bàn giao hồ sơ.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Returns</source>
        <translation>Trả kết quả</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Return results to applicants, record who collected them, and ask for their satisfaction rating.</source>
        <translation>Trả kết quả cho người nộp, ghi nhận người nhận kết quả và lấy ý kiến đánh giá mức độ hài lòng.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the result return issue.</source>
        <translation>Màn hình này sẽ có khi hoàn thành hạng mục trả kết quả.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Reports</source>
        <translation>Báo cáo</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Figures of this counter: dossiers received, on time and late, digitisation and satisfaction, and the tracking book.</source>
        <translation>Số liệu của quầy: hồ sơ đã tiếp nhận, đúng hạn và quá hạn, tỷ lệ số hóa, mức độ hài lòng, và Sổ theo dõi hồ sơ.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the reports issue.</source>
        <translation>Màn hình này sẽ có khi hoàn thành hạng mục báo cáo.</translation>
    </message>
</context>
<context>
    <name>VerifyReceiptDialog</name>
    <message>
        <location filename="../../app/ui/dialogs/verify_receipt.py" line="+86" />
        <source>Verify a receipt</source>
        <translation>Kiểm tra giấy tiếp nhận</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Scan the QR code at the top left of the receipt, paste its text, or open a scan or photo of it. No network is needed.</source>
        <translation>Quét mã QR ở góc trên bên trái của giấy tiếp nhận, dán nội dung mã, hoặc mở ảnh quét hay ảnh chụp giấy. Không cần kết nối mạng.</translation>
    </message>
    <message>
        <location line="+8" />
        <source>QR code text (scan, or paste and press Enter)</source>
        <translation>Nội dung mã QR (quét, hoặc dán rồi nhấn Enter)</translation>
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Check</source>
        <translation>&amp;Kiểm tra</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Open &amp;image…</source>
        <translation>&amp;Mở ảnh…</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Dossier code</source>
        <translation>Mã hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Procedure code</source>
        <translation>Mã thủ tục</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Applicant's ID number</source>
        <translation>Số định danh của người nộp</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Pages received</source>
        <translation>Số trang đã nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Digitised bundle (short hash)</source>
        <translation>Bộ hồ sơ số hóa (mã băm rút gọn)</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Signed by</source>
        <translation>Ký bởi</translation>
    </message>
    <message>
        <location line="+11" />
        <source>Close</source>
        <translation>Đóng</translation>
    </message>
    <message>
        <location line="+36" />
        <source>Open a scan or photo of the receipt</source>
        <translation>Mở ảnh quét hoặc ảnh chụp giấy tiếp nhận</translation>
    </message>
    <message>
        <location line="+2" />
        <source>Images (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)</source>
        <translation>Ảnh (*.png *.jpg *.jpeg *.tif *.tiff *.bmp *.webp)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>Reading the QR code in %1…</source>
        <translation>Đang đọc mã QR trong %1…</translation>
    </message>
    <message>
        <location line="+23" />
        <source>Checking…</source>
        <translation>Đang kiểm tra…</translation>
    </message>
    <message>
        <location line="+28" />
        <source>An unexpected error stopped the check. Please report it to IT staff: %1</source>
        <translation>Có lỗi không mong đợi nên không kiểm tra được. Vui lòng báo cho cán bộ công nghệ thông tin: %1</translation>
    </message>
    <message>
        <location line="+4" />
        <source>Nothing could be checked</source>
        <translation>Không kiểm tra được</translation>
    </message>
    <message>
        <location line="+13" />
        <source>Waiting for a QR code</source>
        <translation>Đang chờ mã QR</translation>
    </message>
    <message>
        <location line="+12" />
        <source>✔ Genuine and unaltered</source>
        <translation>✔ Hợp lệ, không bị sửa đổi</translation>
    </message>
    <message>
        <location line="+2" />
        <source>✖ Altered or forged</source>
        <translation>✖ Đã bị sửa đổi hoặc giả mạo</translation>
    </message>
    <message>
        <location line="+2" />
        <source>⚠ Cannot be verified on this computer</source>
        <translation>⚠ Không xác minh được trên máy này</translation>
    </message>
    <message>
        <location line="+2" />
        <source>⚠ Unsigned receipt</source>
        <translation>⚠ Giấy tiếp nhận không có chữ ký</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not a receipt QR code</source>
        <translation>Không phải mã QR của giấy tiếp nhận</translation>
    </message>
    <message>
        <location line="+20" />
        <source>Receipt details</source>
        <translation>Thông tin trên giấy tiếp nhận</translation>
    </message>
    <message>
        <location line="+2" />
        <source>What the QR code claims (not verified)</source>
        <translation>Nội dung ghi trong mã QR (chưa xác minh)</translation>
    </message>
    <message>
        <location line="+8" />
        <source>not signed</source>
        <translation>không có chữ ký</translation>
    </message>
    <message>
        <location line="+4" />
        <source>key %1</source>
        <translation>khóa %1</translation>
    </message>
</context>
<context>
    <name>WatchedFolderService</name>
    <message>
        <location filename="../../app/ui/watched_folder.py" line="+231" />
        <location line="+72" />
        <source>An unexpected error stopped reading this file. Please report it to IT staff.</source>
        <translation>Lỗi không lường trước khi đọc tệp này. Hãy báo cho cán bộ CNTT.</translation>
    </message>
    <message>
        <location line="-58" />
        <source>The scanner folder %1 cannot be reached (is the network share or the disk connected?). It is checked again every few seconds.</source>
        <translation>Không truy cập được thư mục nhận bản quét %1 (thư mục mạng hoặc ổ đĩa đã được kết nối chưa?). Ứng dụng sẽ tự kiểm tra lại sau vài giây.</translation>
    </message>
</context>
</TS>
