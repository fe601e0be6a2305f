<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="vi">
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
    <name>MainWindow</name>
    <message>
        <location filename="../../app/ui/main_window.py" line="+69" />
        <source>Procedure catalogue</source>
        <translation>Danh mục thủ tục</translation>
    </message>
    <message>
        <location line="+11" />
        <source>%1 (Ctrl+%2)</source>
        <translation>%1 (Ctrl+%2)</translation>
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
    <name>Startup</name>
    <message>
        <location filename="../../app/ui/app.py" line="+56" />
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
        <location filename="../../app/ui/status_bar.py" line="+36" />
        <source>Standalone</source>
        <translation>Chạy độc lập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Changes waiting: …</source>
        <translation>Thay đổi chờ đồng bộ: …</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Not signed in</source>
        <translation>Chưa đăng nhập</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Counter: …</source>
        <translation>Quầy: …</translation>
    </message>
    <message>
        <location line="+32" />
        <source>Standalone — central server %1 (sync not available yet)</source>
        <translation>Chạy độc lập — máy chủ trung tâm %1 (chưa có chức năng đồng bộ)</translation>
    </message>
    <message>
        <location line="+5" />
        <source>Standalone — central server not configured</source>
        <translation>Chạy độc lập — chưa cấu hình máy chủ trung tâm</translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n change(s) waiting to sync</source>
        <translation>
            <numerusform>%n thay đổi chờ đồng bộ</numerusform>
        </translation>
    </message>
    <message>
        <location line="+2" />
        <source>not configured</source>
        <translation>chưa cấu hình</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Counter: %1</source>
        <translation>Quầy: %1</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Changes waiting: unknown (%1)</source>
        <translation>Thay đổi chờ đồng bộ: không rõ (%1)</translation>
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
        <source>Reception</source>
        <translation>Tiếp nhận</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Receive a dossier: read the applicant's chip ID card, choose the procedure, check the required documents, scan and OCR each page, and print the receipt with its appointment date.</source>
        <translation>Tiếp nhận hồ sơ: đọc thẻ căn cước gắn chip của người nộp, chọn thủ tục, kiểm tra thành phần hồ sơ, quét và nhận dạng chữ (OCR) từng trang, in Giấy tiếp nhận hồ sơ và hẹn trả kết quả.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>It arrives with the reception and digitisation issue.</source>
        <translation>Màn hình này sẽ có khi hoàn thành hạng mục tiếp nhận và số hóa hồ sơ.</translation>
    </message>
    <message>
        <location line="+6" />
        <source>Dossiers</source>
        <translation>Hồ sơ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Find any dossier by code, receipt QR, ID number, phone or name, and follow its status, deadlines and history.</source>
        <translation>Tra cứu mọi hồ sơ theo mã, mã QR trên giấy tiếp nhận, số định danh, số điện thoại hoặc họ tên; theo dõi trạng thái, thời hạn và quá trình xử lý.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the dossier look-up issue.</source>
        <translation>Màn hình này sẽ có khi hoàn thành hạng mục tra cứu hồ sơ.</translation>
    </message>
    <message>
        <location line="+6" />
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
    <message>
        <location line="+4" />
        <source>Sync</source>
        <translation>Đồng bộ</translation>
    </message>
    <message>
        <location line="+1" />
        <source>Connection to the central system: changes waiting to be sent, the last successful sync, and changes the central system refused.</source>
        <translation>Kết nối với hệ thống trung tâm: các thay đổi chờ gửi, lần đồng bộ thành công gần nhất và các thay đổi bị hệ thống trung tâm từ chối.</translation>
    </message>
    <message>
        <location line="+5" />
        <source>It arrives with the synchronisation issue.</source>
        <translation>Màn hình này sẽ có khi hoàn thành hạng mục đồng bộ dữ liệu.</translation>
    </message>
</context>
</TS>
