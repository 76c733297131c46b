/**
 * The Vietnamese dictionary is the reference: every other language has exactly these keys
 * (checked by the type of `en` and by `dictionaries.spec.ts`).
 */
export const vi = {
  app: {
    name: 'Mekong IOC',
    tagline: 'Trung tâm điều hành thông minh Mỹ Tho',
    skipToContent: 'Bỏ qua, đến nội dung chính',
    loading: 'Đang tải…',
    crashed: 'Đã có lỗi khi hiển thị trang này. Vui lòng tải lại trang.',
    reload: 'Tải lại trang',
  },
  nav: {
    label: 'Điều hướng chính',
    home: 'Trang chủ',
    wall: 'Màn hình điều hành',
    dispatch: 'Điều phối',
    briefings: 'Giao ban',
    report: 'Gửi phản ánh',
  },
  language: {
    label: 'Ngôn ngữ',
  },
  auth: {
    signIn: 'Đăng nhập',
    signOut: 'Đăng xuất',
    signedInAs: 'Đang đăng nhập',
    restoring: 'Đang khôi phục phiên đăng nhập…',
  },
  login: {
    title: 'Đăng nhập',
    intro: 'Dành cho lãnh đạo, cán bộ trực và lực lượng xử lý của thành phố.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    submitting: 'Đang đăng nhập…',
    missingFields: 'Vui lòng nhập tên đăng nhập và mật khẩu.',
    continueTo: 'Sau khi đăng nhập, bạn sẽ quay lại trang {{page}}.',
    sessionEnded: 'Phiên đăng nhập đã kết thúc. Vui lòng đăng nhập lại.',
  },
  access: {
    deniedTitle: 'Không có quyền truy cập',
    deniedBody: 'Tài khoản {{name}} ({{role}}) không được phép mở trang {{page}}.',
    allowedRoles: 'Trang này dành cho: {{roles}}.',
    switchAccount: 'Đăng nhập bằng tài khoản khác',
    backHome: 'Về trang chủ',
  },
  home: {
    title: 'Trung tâm điều hành thông minh Mỹ Tho',
    intro:
      'Một nơi để theo dõi phản ánh của người dân, camera, giao thông và môi trường của thành phố Mỹ Tho, điều phối xử lý sự cố và chuẩn bị báo cáo giao ban.',
    screensLabel: 'Các màn hình',
    forRoles: 'Dành cho: {{roles}}',
    public: 'Công khai, không cần đăng nhập',
  },
  screens: {
    wall: {
      title: 'Màn hình điều hành',
      description: 'Toàn cảnh thành phố cho lãnh đạo, đọc được từ xa 5\u00a0m: bản đồ, cảnh báo và chỉ số.',
      upcoming1: 'Bản đồ Mỹ Tho với năm khu đô thị, camera, trạm cảm biến và sự cố',
      upcoming2: 'Chỉ số KPI so với mục tiêu, cập nhật trực tiếp và luôn ghi rõ độ mới của dữ liệu',
      upcoming3: 'Các cảnh tự động chuyển và dừng lại khi có cảnh báo khẩn',
    },
    dispatch: {
      title: 'Bàn điều phối',
      description: 'Phân loại phản ánh và cảnh báo thành sự cố, giao đơn vị xử lý và theo dõi đến khi hoàn thành.',
      upcoming1: 'Hàng đợi phản ánh và cảnh báo cần phân loại, gộp các phản ánh trùng',
      upcoming2: 'Giao sự cố cho đơn vị, theo dõi thời hạn điều phối và xử lý (SLA)',
      upcoming3: 'Nhật ký mọi lần đổi trạng thái: ai, khi nào, vì sao',
    },
    briefings: {
      title: 'Báo cáo giao ban',
      description: 'Báo cáo giao ban tuần: PDF cho lãnh đạo, XLSX/CSV cho chuyên viên phân tích.',
      upcoming1: 'Báo cáo giao ban tuần dạng PDF',
      upcoming2: 'Số liệu XLSX và CSV để phân tích',
      upcoming3: 'So sánh tuần này với tuần trước và với chỉ tiêu kế hoạch',
    },
    report: {
      title: 'Phản ánh hiện trường',
      description: 'Người dân gửi phản ánh kèm ảnh và vị trí, rồi theo dõi kết quả xử lý bằng mã tra cứu.',
      upcoming1: 'Biểu mẫu phản ánh: loại vấn đề, mô tả, vị trí và ảnh',
      upcoming2: 'Tra cứu tiến độ xử lý bằng mã phản ánh',
      upcoming3: 'Thông tin liên hệ của người phản ánh được giữ kín',
    },
  },
  placeholder: {
    badge: 'Đang xây dựng',
    upcoming: 'Sắp có tại đây',
  },
  wall: {
    localTime: 'Giờ Mỹ Tho',
    comingSoon: 'Bản đồ và các chỉ số trực tiếp sẽ hiển thị tại đây.',
    mapTitle: 'Bản đồ thành phố',
    mapNote: 'Bản đồ nền vẽ theo tọa độ gần đúng',
    noData: 'Chưa có dữ liệu',
    kpiReports: 'Phản ánh hôm nay',
    kpiIncidents: 'Sự cố đang xử lý',
    kpiTraffic: 'Chỉ số ùn tắc',
    kpiAir: 'Chất lượng không khí (VN_AQI)',
    kpiWater: 'Mực nước sông Tiền',
    kpiCameras: 'Camera hoạt động',
    screenOf: 'Màn hình của {{name}}',
    kpisLabel: 'Các chỉ số chính',
    zones: 'Năm khu đô thị của Mỹ Tho',
  },
  notFound: {
    title: 'Không tìm thấy trang',
    body: 'Không có trang nào ở địa chỉ {{path}}.',
    backHome: 'Về trang chủ',
  },
  health: {
    label: 'Trạng thái máy chủ',
    checking: 'Đang kiểm tra máy chủ…',
    ok: 'Máy chủ hoạt động',
    unreachable: 'Mất kết nối máy chủ',
    version: 'phiên bản {{version}}',
    checkedAgo: 'kiểm tra {{age}}',
    lastSeen: 'lần cuối {{age}}',
    stale: 'dữ liệu cũ',
    database: {
      pglite: 'CSDL PGlite nhúng',
      postgres: 'CSDL PostgreSQL',
    },
  },
  errors: {
    AUTH_BAD_CREDENTIALS: 'Sai tên đăng nhập hoặc mật khẩu.',
    AUTH_REFRESH_INVALID: 'Phiên đăng nhập đã hết hạn. Vui lòng đăng nhập lại.',
    AUTH_TOKEN_MISSING: 'Vui lòng đăng nhập.',
    AUTH_TOKEN_INVALID: 'Phiên đăng nhập không còn hiệu lực. Vui lòng đăng nhập lại.',
    AUTH_ROLE_DENIED: 'Tài khoản của bạn không có quyền thực hiện thao tác này.',
    VALIDATION_FAILED: 'Dữ liệu gửi lên không hợp lệ.',
    RATE_LIMITED: 'Có quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.',
    INTERNAL: 'Máy chủ gặp lỗi. Vui lòng thử lại.',
    NETWORK_UNREACHABLE: 'Không kết nối được máy chủ. Kiểm tra mạng rồi thử lại.',
    RESPONSE_INVALID: 'Máy chủ trả lời không đúng định dạng.',
    unknown: 'Đã có lỗi ({{code}}): {{detail}}',
  },
};

/** Any dictionary: the same tree of keys as `vi`, each leaf a string. */
export type Dictionary<T = typeof vi> = { [K in keyof T]: T[K] extends string ? string : Dictionary<T[K]> };
