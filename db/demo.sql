-- partnerdesk demo data.
--
-- Load into a database created by db/migrations/001_init.sql:
--	sqlite3 DB < db/demo.sql
-- Every password_hash is the placeholder '!'; a separate tool replaces it with
-- an Argon2id hash of "demo-password".
--
-- Ids are explicit so that tests can rely on them:
--	partners   1 Contoso Reseller, 2 Fabrikam Partners
--	users      1-4 Contoso, 5 Fabrikam, 6-7 operator staff (no partner)
--	services   1-10 customer services, 11 Partner Center (for_partner = 1)
--	topics     service N has topics N*10+1 .. N*10+4:
--	           +1, +2 technical, +3 "Billing dispute", +4 "Fraud or suspicious activity";
--	           Partner Center: 111 Portal access, 112 Account and profile, 113 Billing dispute
--	fields     topic field N belongs to topic N: the billing disputes' invoice
--	           number, the fraud reports' subscription id; 1101-1102 topic 11's,
--	           1301 topic 13's second field
--	customers  1-30 Contoso, 101-104 Fabrikam
--	requests   1-12 Contoso customer requests, 13-14 Contoso partner requests,
--	           15-17 Fabrikam; from 1001 the closed history of the eleven
--	           months before this one (below)
-- All times are relative to the moment of loading, captured once in demo_now so
-- that a request and its events agree to the second.

BEGIN;

CREATE TEMP TABLE demo_now (t INTEGER NOT NULL);
INSERT INTO demo_now VALUES (unixepoch());

-- Partners ------------------------------------------------------------------

INSERT INTO partner (id, name, domain, support_email, support_phone,
    support_website, support_hours, created_at) VALUES
	(1, 'Contoso Reseller', 'contoso.example', 'support@contoso.example',
	    '+86 10 5555 0100', 'https://support.contoso.example',
	    'Every day 08:00-22:00 Beijing time', (SELECT t FROM demo_now) - 86400*400),
	(2, 'Fabrikam Partners', 'fabrikam.example', 'help@fabrikam.example',
	    '', '', '', (SELECT t FROM demo_now) - 86400*200);

-- Users ---------------------------------------------------------------------

INSERT INTO user (id, partner_id, email, name, phone, role, password_hash, lang) VALUES
	(1, 1,    'admin@contoso.example',    'Chen Wei',         '+86 10 5555 0101', 'global_admin',   '!', ''),
	(2, 1,    'agent@contoso.example',    'Li Na',            '+86 10 5555 0102', 'admin_agent',    '!', ''),
	(3, 1,    'helpdesk@contoso.example', 'Zhang Min',        '+86 10 5555 0103', 'helpdesk_agent', '!', ''),
	(4, 1,    'sales@contoso.example',    'Wang Fang',        '+86 10 5555 0104', 'sales_agent',    '!', ''),
	(5, 2,    'agent@fabrikam.example',   'Giulia Rossi',     '+39 02 5555 0105', 'admin_agent',    '!', 'it'),
	(6, NULL, 'support@operator.example', 'Operator Support', '',                 'support_agent',  '!', ''),
	(7, NULL, 'admin@operator.example',   'Operator Admin',   '',                 'operator_admin', '!', '');
-- Two-step sign-in is required for these roles: the demo accounts share
-- one TOTP secret (README.md), so `oathtool --totp -b JBSWY3DPEHPK3PXP`
-- gives their codes.
UPDATE user SET totp_secret = 'JBSWY3DPEHPK3PXP'
    WHERE role IN ('global_admin', 'support_agent', 'operator_admin');

-- Services (the clouds operated by 21Vianet) --------------------------------

INSERT INTO service (id, name, family, admin_url, for_partner) VALUES
	(1,  'Exchange Online',               'office365',   'https://portal.partner.microsoftonline.cn/AdminPortal/Home?tenantId={tenant}#/exchange',     0),
	(2,  'SharePoint Online',             'office365',   'https://portal.partner.microsoftonline.cn/AdminPortal/Home?tenantId={tenant}#/sharepoint',      0),
	(3,  'Microsoft Teams',               'office365',   'https://portal.partner.microsoftonline.cn/AdminPortal/Home?tenantId={tenant}#/teams', 0),
	(4,  'Office 365 Admin',              'office365',   'https://portal.partner.microsoftonline.cn/AdminPortal/Home?tenantId={tenant}&domain={domain}#/homepage',      0),
	(5,  'Azure Virtual Machines',        'azure',       'https://portal.azure.cn/{domain}#blade/HubsExtension/BrowseResource/resourceType/Microsoft.Compute.VirtualMachines', 0),
	(6,  'Azure Storage',                 'azure',       'https://portal.azure.cn/{domain}#blade/HubsExtension/BrowseResource/resourceType/Microsoft.Storage.StorageAccounts', 0),
	(7,  'Azure SQL Database',            'azure',       'https://portal.azure.cn/{domain}#blade/HubsExtension/BrowseResource/resourceType/Microsoft.Sql.Servers', 0),
	(8,  'Azure Active Directory',        'azure',       'https://portal.azure.cn/{domain}#blade/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/Overview', 0),
	(9,  'Dynamics 365 Sales',            'dynamics365', 'https://admin.powerplatform.azure.cn/environments?tenantId={tenant}&app=sales',      0),
	(10, 'Dynamics 365 Customer Service', 'dynamics365', 'https://admin.powerplatform.azure.cn/environments?tenantId={tenant}&app=customerservice',      0),
	(11, 'Partner Center',                'partner',     '',      1);

-- Topics --------------------------------------------------------------------

INSERT INTO topic (id, service_id, name, kind) VALUES
	(11,  1,  'Mail flow and delivery',            'technical'),
	(12,  1,  'Mailboxes and Outlook access',      'technical'),
	(13,  1,  'Billing dispute',                   'billing'),
	(14,  1,  'Fraud or suspicious activity',      'fraud'),

	(21,  2,  'Sites and document libraries',      'technical'),
	(22,  2,  'OneDrive sync',                     'technical'),
	(23,  2,  'Billing dispute',                   'billing'),
	(24,  2,  'Fraud or suspicious activity',      'fraud'),

	(31,  3,  'Meetings and calls',                'technical'),
	(32,  3,  'Chat and channels',                 'technical'),
	(33,  3,  'Billing dispute',                   'billing'),
	(34,  3,  'Fraud or suspicious activity',      'fraud'),

	(41,  4,  'Licences and subscriptions',        'technical'),
	(42,  4,  'Users, groups and domains',         'technical'),
	(43,  4,  'Billing dispute',                   'billing'),
	(44,  4,  'Fraud or suspicious activity',      'fraud'),

	(51,  5,  'VM cannot start or is unreachable', 'technical'),
	(52,  5,  'Performance and sizing',            'technical'),
	(53,  5,  'Billing dispute',                   'billing'),
	(54,  5,  'Fraud or suspicious activity',      'fraud'),

	(61,  6,  'Blob access and authentication',    'technical'),
	(62,  6,  'Performance and availability',      'technical'),
	(63,  6,  'Billing dispute',                   'billing'),
	(64,  6,  'Fraud or suspicious activity',      'fraud'),

	(71,  7,  'Connectivity and timeouts',         'technical'),
	(72,  7,  'Backup and restore',                'technical'),
	(73,  7,  'Billing dispute',                   'billing'),
	(74,  7,  'Fraud or suspicious activity',      'fraud'),

	(81,  8,  'Sign-in and multi-factor authentication', 'technical'),
	(82,  8,  'Directory synchronization',         'technical'),
	(83,  8,  'Billing dispute',                   'billing'),
	(84,  8,  'Fraud or suspicious activity',      'fraud'),

	(91,  9,  'Sign-in and security roles',        'technical'),
	(92,  9,  'Customization and workflows',       'technical'),
	(93,  9,  'Billing dispute',                   'billing'),
	(94,  9,  'Fraud or suspicious activity',      'fraud'),

	(101, 10, 'Case routing and queues',           'technical'),
	(102, 10, 'Email and channel integration',     'technical'),
	(103, 10, 'Billing dispute',                   'billing'),
	(104, 10, 'Fraud or suspicious activity',      'fraud'),

	(111, 11, 'Portal access',                     'account'),
	(112, 11, 'Account and profile',               'account'),
	(113, 11, 'Billing dispute',                   'billing');

-- Topic fields: what a topic's form asks besides the common fields --------
-- (field N belongs to topic N): billing disputes ask for the invoice, fraud
-- reports for the subscription (a GUID).

INSERT INTO topic_field (id, topic_id, position, label_en, label_zh, label_it, kind, required, pattern) VALUES
	(13, 13, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(14, 14, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(23, 23, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(24, 24, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(33, 33, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(34, 34, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(43, 43, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(44, 44, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(53, 53, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(54, 54, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(63, 63, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(64, 64, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(73, 73, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(74, 74, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(83, 83, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(84, 84, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(93, 93, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(94, 94, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(103, 103, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, ''),
	(104, 104, 1, 'Subscription ID', '订阅 ID',  'ID sottoscrizione', 'text', 1, '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}'),
	(113, 113, 1, 'Invoice number',  '发票编号', 'Numero di fattura', 'text', 1, '');

-- More of one kind each, all optional: mail flow asks how many mailboxes and
-- which way, a billing dispute on Exchange Online the invoice's date.
INSERT INTO topic_field (id, topic_id, position, label_en, label_zh, label_it, kind, required, choices) VALUES
	(1101, 11, 1, 'Mailboxes affected', '受影响的邮箱数', 'Caselle interessate', 'number', 0, ''),
	(1102, 11, 2, 'Direction', '方向', 'Direzione', 'choice', 0, 'Inbound
Outbound
Both'),
	(1301, 13, 2, 'Invoice date', '发票日期', 'Data della fattura', 'date', 0, '');

-- Articles (recommended self-help per service) ------------------------------

INSERT INTO article (id, service_id, title, url) VALUES
	(1,  1,  'Mail flow best practices for Exchange Online',               'https://docs.microsoft.com/exchange/mail-flow-best-practices/mail-flow-best-practices'),
	(2,  1,  'Troubleshoot email delivery with message trace',             'https://docs.microsoft.com/exchange/monitoring/trace-an-email-message/message-trace-modern-eac'),
	(3,  1,  'Office 365 operated by 21Vianet: service description',       'https://docs.microsoft.com/office365/servicedescriptions/office-365-platform-service-description/office-365-operated-by-21vianet'),
	(4,  2,  'Manage site permissions in SharePoint Online',               'https://docs.microsoft.com/sharepoint/customize-sharepoint-site-permissions'),
	(5,  2,  'Fix OneDrive sync problems',                                 'https://docs.microsoft.com/onedrive/troubleshoot-sync-issues'),
	(6,  3,  'Troubleshoot Teams meeting audio and video',                 'https://docs.microsoft.com/microsoftteams/troubleshoot/meetings/audio-video-issues'),
	(7,  3,  'Microsoft Teams operated by 21Vianet: feature availability', 'https://docs.microsoft.com/microsoftteams/sovereign-cloud-china'),
	(8,  4,  'Assign licences to users in the Microsoft 365 admin center', 'https://docs.microsoft.com/microsoft-365/admin/manage/assign-licenses-to-users'),
	(9,  4,  'Add a domain to Microsoft 365',                              'https://docs.microsoft.com/microsoft-365/admin/setup/add-domain'),
	(10, 4,  'Understand your invoice for Microsoft 365',                  'https://docs.microsoft.com/microsoft-365/commerce/billing-and-payments/understand-your-invoice'),
	(11, 5,  'Troubleshoot Azure virtual machine boot errors',             'https://docs.azure.cn/zh-cn/virtual-machines/troubleshooting/boot-error-troubleshoot'),
	(12, 5,  'Use boot diagnostics to troubleshoot virtual machines',      'https://docs.azure.cn/zh-cn/virtual-machines/boot-diagnostics'),
	(13, 5,  'Sizes for virtual machines in Azure',                        'https://docs.azure.cn/zh-cn/virtual-machines/sizes'),
	(14, 6,  'Troubleshoot Azure Storage performance',                     'https://docs.azure.cn/zh-cn/storage/common/troubleshoot-storage-performance'),
	(15, 6,  'Authorize access to blobs with Azure AD',                    'https://docs.azure.cn/zh-cn/storage/blobs/authorize-access-azure-active-directory'),
	(16, 7,  'Troubleshoot connectivity issues with Azure SQL Database',   'https://docs.azure.cn/zh-cn/azure-sql/database/troubleshoot-common-connectivity-issues'),
	(17, 7,  'Recover a database using automated backups',                 'https://docs.azure.cn/zh-cn/azure-sql/database/recovery-using-backups'),
	(18, 8,  'Troubleshoot sign-in problems with Azure AD',                'https://docs.azure.cn/zh-cn/active-directory/fundamentals/active-directory-troubleshooting-sign-in'),
	(19, 8,  'Investigate risky sign-ins',                                 'https://docs.azure.cn/zh-cn/active-directory/identity-protection/howto-identity-protection-investigate-risk'),
	(20, 8,  'Troubleshoot Azure AD Connect synchronization',              'https://docs.azure.cn/zh-cn/active-directory/hybrid/tshoot-connect-sync-errors'),
	(21, 9,  'Security roles and privileges in Dynamics 365',              'https://docs.microsoft.com/power-platform/admin/security-roles-privileges'),
	(22, 9,  'Dynamics 365 operated by 21Vianet',                          'https://docs.microsoft.com/dynamics365/get-started/availability-china'),
	(23, 10, 'Set up queues in Customer Service',                          'https://docs.microsoft.com/dynamics365/customer-service/set-up-queues-manage-activities-cases'),
	(24, 10, 'Automatically create cases from incoming email',             'https://docs.microsoft.com/dynamics365/customer-service/automatically-create-update-records'),
	(25, 10, 'Troubleshoot server-side synchronization',                   'https://docs.microsoft.com/power-platform/admin/troubleshooting-monitoring-server-side-synchronization');

-- Incidents and advisories --------------------------------------------------

INSERT INTO incident (id, kind, status, title, area, started_at,
    expected_end_at, resolved_at, created_by, updated_at) VALUES
	(1, 'incident',    'warning',     'Mail delivery delays in China East',
		'China East, Inbound mail', (SELECT t FROM demo_now) - 7200,
		(SELECT t FROM demo_now) + 14400, NULL, 7, (SELECT t FROM demo_now) - 3600),
	(2, 'incident',    'warning',     'Increased latency for blob storage in China North 2',
		'China North 2, Blob storage', (SELECT t FROM demo_now) - 86400*6 - 7200,
		NULL, (SELECT t FROM demo_now) - 86400*5, 7, (SELECT t FROM demo_now) - 86400*5),
	(3, 'maintenance', 'information', 'Planned maintenance for Teams meeting recordings',
		'Meeting recordings', (SELECT t FROM demo_now) - 86400,
		(SELECT t FROM demo_now) + 86400, NULL, 7, (SELECT t FROM demo_now) - 86400);

INSERT INTO incident_service (incident_id, service_id) VALUES (1, 1), (2, 6), (3, 3);

INSERT INTO incident_update (id, incident_id, at, author_id, body, status, expected_end_at, resolves) VALUES
	(1, 1, (SELECT t FROM demo_now) - 7200, 7,
		'Users in China East may see delayed inbound mail. Engineers are investigating.', 'warning', NULL, 0),
	(2, 1, (SELECT t FROM demo_now) - 3600, 6,
		'A faulty mail routing update was identified and is being rolled back.', NULL, (SELECT t FROM demo_now) + 14400, 0),
	(3, 2, (SELECT t FROM demo_now) - 86400*6 - 7200, 7,
		'Some requests to storage accounts in China North 2 may time out.', 'warning', NULL, 0),
	(4, 2, (SELECT t FROM demo_now) - 86400*5, 7,
		'Storage capacity was rebalanced; latency is back to normal.', NULL, NULL, 1),
	(5, 3, (SELECT t FROM demo_now) - 86400, 7,
		'Meeting recordings may take longer to appear in chat during the maintenance window.', 'information', NULL, 0);

-- Customers -----------------------------------------------------------------

INSERT INTO customer (id, partner_id, name, domain, tenant_id, premium) VALUES
	(1,   1, 'Northwind Traders',               'northwind.partner.onmschina.cn',              '2fc0f351-a301-5cc6-8e34-276f77263cf3', 1),
	(2,   1, 'Northern Lights Energy',          'northernlights.partner.onmschina.cn',         '277b13a7-f8bc-5b19-adfe-796b17b62422', 0),
	(3,   1, 'Adventure Works',                 'adventureworks.partner.onmschina.cn',         '69507d4c-8290-55fc-b134-0835974091ae', 1),
	(4,   1, 'Alpine Ski House',                'alpineskihouse.partner.onmschina.cn',         '8c877220-55e6-5b18-8bd7-0fd67008c2f4', 0),
	(5,   1, 'Wide World Importers',            'wideworldimporters.partner.onmschina.cn',     'aeb6e5c3-b39c-523c-a4e1-f1fc6607c101', 0),
	(6,   1, 'Litware',                         'litware.partner.onmschina.cn',                '4556815f-c408-59e2-a9ae-79ef79ad5546', 1),
	(7,   1, 'Fourth Coffee',                   'fourthcoffee.partner.onmschina.cn',           '63b244de-f5a2-5a9e-bf5f-bbcaba4674d3', 0),
	(8,   1, 'Blue Yonder Airlines',            'blueyonderairlines.partner.onmschina.cn',     '4759d134-65cb-56fc-a9a9-139b7a6640c8', 1),
	(9,   1, 'Coho Winery',                     'cohowinery.partner.onmschina.cn',             'c74d337a-906e-5364-ae44-4f37c7d06e0e', 0),
	(10,  1, 'Lucerne Publishing',              'lucernepublishing.partner.onmschina.cn',      '390ae39c-1704-54fb-86ea-dc8465b36eb8', 0),
	(11,  1, 'Margie''s Travel',                'margiestravel.partner.onmschina.cn',          '7637399e-5f7e-5b96-b1e0-293f4b1a5a6c', 0),
	(12,  1, 'Proseware',                       'proseware.partner.onmschina.cn',              '8e43ef7c-ac6c-5a49-bf7f-0cb0d6fabb56', 1),
	(13,  1, 'Trey Research',                   'treyresearch.partner.onmschina.cn',           'b16f32f3-664f-5b3d-b4ea-ff708b0a2e32', 0),
	(14,  1, 'Woodgrove Bank',                  'woodgrovebank.partner.onmschina.cn',          '431c5444-acd8-5678-aa18-4ed11b5c80a0', 1),
	(15,  1, 'Humongous Insurance',             'humongousinsurance.partner.onmschina.cn',     'f73e8352-ffce-5a96-8fbe-bfaa94489163', 1),
	(16,  1, 'Graphic Design Institute',        'graphicdesigninstitute.partner.onmschina.cn', '8f0486f8-5e77-58b9-9dd4-ff92b17e145c', 0),
	(17,  1, 'Contoso Pharmaceuticals',         'contosopharma.partner.onmschina.cn',          'cecee628-204a-5bf6-80a2-afd7b652d56c', 0),
	(18,  1, 'Tailwind Traders',                'tailwindtraders.partner.onmschina.cn',        'd914952c-5b4b-50ee-b389-273da0e93aef', 0),
	(19,  1, 'Shanghai Lujiazui Logistics',     'lujiazuilogistics.partner.onmschina.cn',      'e1613f9c-ad32-526a-9023-abd06de45f84', 1),
	(20,  1, 'Beijing Haidian Robotics',        'haidianrobotics.partner.onmschina.cn',        '4be18ab0-a658-5820-b190-e4cba5380985', 0),
	(21,  1, 'Shenzhen Nanshan Electronics',    'nanshanelectronics.partner.onmschina.cn',     'c3763cb2-6328-5c41-8faf-49de0a6cfd1d', 1),
	(22,  1, 'Hangzhou Xihu Tea Company',       'xihutea.partner.onmschina.cn',                '4010bbd8-d09a-5fad-b64b-d9368f6e4070', 0),
	(23,  1, 'Guangzhou Pearl River Textiles',  'pearlrivertextiles.partner.onmschina.cn',     'c27e0ea9-1498-5dd8-a7f5-ca282973c1f4', 0),
	(24,  1, 'Chengdu Panda Games',             'pandagames.partner.onmschina.cn',             '14947d6e-5231-57f3-9c6a-054a2f8c8dc6', 0),
	(25,  1, 'Suzhou Garden Hotels',            'suzhougardenhotels.partner.onmschina.cn',     '2ee0424a-48fc-50d5-a3ed-a74c82af0cfa', 0),
	(26,  1, 'Nanjing Jinling Pharmaceuticals', 'jinlingpharma.partner.onmschina.cn',          'c9b5f50c-0fef-5fa4-a2de-756177a109cd', 1),
	(27,  1, 'Wingtip Toys',                    'wingtiptoys.partner.onmschina.cn',            '110d1483-60c7-5c31-b901-470aa2fcf0de', 0),
	(28,  1, 'School of Fine Art',              'fineartschool.partner.onmschina.cn',          'bccb8c2d-182c-56a7-aa59-42b07196f567', 0),
	(29,  1, 'City Power & Light',              'citypowerlight.partner.onmschina.cn',         '5292a391-2065-5008-902d-b1f8690c9719', 0),
	(30,  1, 'Relecloud',                       'relecloud.partner.onmschina.cn',              '382321f5-29b9-5be3-af64-5facf35b7e7f', 0),

	(101, 2, 'Tailspin Toys',                   'tailspintoys.partner.onmschina.cn',           '1fe851b7-1cac-5b31-89cd-1407fa29ce5c', 0),
	(102, 2, 'Bellows College',                 'bellowscollege.partner.onmschina.cn',         'be9c1d80-e96b-529a-87d4-3cf9dd4d6626', 0),
	(103, 2, 'VanArsdel Ltd',                   'vanarsdel.partner.onmschina.cn',              '290a8b47-b208-5140-b9b8-ce0790be291e', 1),
	(104, 2, 'Lamna Healthcare',                'lamnahealthcare.partner.onmschina.cn',        'f59f5656-9203-5fc0-97f8-03ca75b6d702', 0);

-- Which services each customer uses (never Partner Center) ------------------

INSERT INTO customer_service (customer_id, service_id) VALUES
	(1, 1), (1, 2), (1, 3), (1, 5), (1, 6),
	(2, 1), (2, 2), (2, 4), (2, 8),
	(3, 1), (3, 3), (3, 5), (3, 6), (3, 7), (3, 8),
	(4, 1), (4, 2), (4, 3),
	(5, 1), (5, 4), (5, 9), (5, 10),
	(6, 5), (6, 6), (6, 7), (6, 8),
	(7, 1), (7, 2), (7, 3), (7, 4),
	(8, 1), (8, 3), (8, 5), (8, 6), (8, 8),
	(9, 1), (9, 5), (9, 6),
	(10, 1), (10, 2), (10, 3), (10, 4),
	(11, 1), (11, 3), (11, 9),
	(12, 5), (12, 6), (12, 7), (12, 8),
	(13, 5), (13, 6), (13, 7),
	(14, 1), (14, 2), (14, 3), (14, 5), (14, 7), (14, 8),
	(15, 1), (15, 2), (15, 9), (15, 10),
	(16, 1), (16, 2), (16, 3),
	(17, 1), (17, 3), (17, 7), (17, 8),
	(18, 1), (18, 5), (18, 6), (18, 9),
	(19, 1), (19, 3), (19, 9), (19, 10),
	(20, 5), (20, 6), (20, 7),
	(21, 1), (21, 2), (21, 5), (21, 6), (21, 8),
	(22, 1), (22, 3), (22, 9),
	(23, 1), (23, 2), (23, 4),
	(24, 5), (24, 6), (24, 7), (24, 8),
	(25, 1), (25, 3), (25, 10),
	(26, 1), (26, 2), (26, 3), (26, 7), (26, 8),
	(27, 1), (27, 9), (27, 10),
	(28, 1), (28, 2), (28, 3),
	(29, 4), (29, 5), (29, 6),
	(30, 5), (30, 6), (30, 7), (30, 8),

	(101, 1), (101, 7),
	(102, 2), (102, 3), (102, 4),
	(103, 5), (103, 6), (103, 7), (103, 8),
	(104, 1), (104, 2), (104, 3), (104, 9), (104, 10);

-- Requests ------------------------------------------------------------------
-- status: open 1 3 6 7 9 13 15; attention_needed 2 8 10 14 17; closed 4 5 11 16; none 12.

INSERT INTO request (id, partner_id, customer_id, service_id, topic_id, title, description,
	severity, status, problem_started_at,
	contact_name, contact_email, contact_phone, contact_method, contact_lang,
	created_by, assignee_id, created_at, updated_at, closed_at) VALUES

	-- Contoso customer requests
	(1, 1, 1, 1, 11, 'Inbound mail delayed for all users',
		'Since this morning all inbound mail to northwind.partner.onmschina.cn arrives 30 to 60 minutes late. Outbound mail is not affected. Message trace shows the messages queued before delivery.',
		'B', 'open', (SELECT t FROM demo_now) - 7200,
		'Li Na', 'agent@contoso.example', '+86 10 5555 0102', 'phone', 'zh',
		2, 6, (SELECT t FROM demo_now) - 5400, (SELECT t FROM demo_now) - 1800, NULL),

	(2, 1, 3, 5, 51, 'Production VM fails to boot after update',
		'The ERP application server (VM erp-prod-01, China East 2) has not booted since the monthly update. The serial console shows a boot loop. The customer''s production is down.',
		'A', 'attention_needed', (SELECT t FROM demo_now) - 86400*2 - 3600,
		'Chen Wei', 'admin@contoso.example', '+86 10 5555 0101', 'phone', 'en',
		1, 6, (SELECT t FROM demo_now) - 172800, (SELECT t FROM demo_now) - 162000, NULL),

	(3, 1, 4, 2, 21, 'Document library shows access denied for site owners',
		'Site owners of the Marketing site get "Access denied" when they open the Shared Documents library. Site collection administrators can still open it.',
		'C', 'open', (SELECT t FROM demo_now) - 86400 - 14400,
		'Zhang Min', 'helpdesk@contoso.example', '+86 10 5555 0103', 'email', 'zh',
		3, NULL, (SELECT t FROM demo_now) - 86400, (SELECT t FROM demo_now) - 86400, NULL),

	(4, 1, 1, 6, 62, 'Storage account requests timing out',
		'Uploads to the storage account nwbackups in China North 2 time out after 30 seconds for about a third of the requests.',
		'B', 'closed', (SELECT t FROM demo_now) - 86400*6 - 7200,
		'Li Na', 'agent@contoso.example', '+86 10 5555 0102', 'email', 'en',
		2, 6, (SELECT t FROM demo_now) - 518400, (SELECT t FROM demo_now) - 259200, (SELECT t FROM demo_now) - 259200),

	(5, 1, 5, 9, 93, 'Invoice charges Dynamics 365 Sales licences twice',
		'The invoice lists the 25 Dynamics 365 Sales Enterprise licences twice for the same billing period.',
		'B', 'closed', NULL,
		'Chen Wei', 'admin@contoso.example', '+86 10 5555 0101', 'email', 'en',
		1, 6, (SELECT t FROM demo_now) - 2160000, (SELECT t FROM demo_now) - 1728000, (SELECT t FROM demo_now) - 1728000),

	(6, 1, 14, 8, 84, 'Unfamiliar sign-ins to a global administrator account',
		'Risky sign-in reports show successful sign-ins to the customer''s global administrator account from an unknown location overnight.',
		'B', 'open', (SELECT t FROM demo_now) - 50400,
		'Chen Wei', 'admin@contoso.example', '+86 10 5555 0101', 'phone', 'en',
		1, 6, (SELECT t FROM demo_now) - 43200, (SELECT t FROM demo_now) - 36000, NULL),

	(7, 1, 6, 7, 71, 'Database connections time out from application servers',
		'Connections from the customer''s application servers to litware-prod.database.chinacloudapi.cn fail with error 40613 every few minutes. All order processing is blocked.',
		'A', 'open', (SELECT t FROM demo_now) - 25200,
		'Li Na', 'agent@contoso.example', '+86 10 5555 0102', 'phone', 'en',
		2, NULL, (SELECT t FROM demo_now) - 21600, (SELECT t FROM demo_now) - 21600, NULL),

	(8, 1, 19, 10, 102, 'Incoming customer emails are not converted to cases',
		'Emails sent to the service@ mailbox are received but no case is created. The automatic record creation rule is active.',
		'B', 'attention_needed', (SELECT t FROM demo_now) - 86400*9,
		'Zhang Min', 'helpdesk@contoso.example', '+86 10 5555 0103', 'email', 'zh',
		3, 6, (SELECT t FROM demo_now) - 691200, (SELECT t FROM demo_now) - 432000, NULL),

	(9, 1, 7, 3, 31, 'Meeting audio drops after a few minutes',
		'In scheduled meetings with more than ten participants the audio drops for everyone after three to five minutes.',
		'C', 'open', (SELECT t FROM demo_now) - 86400*11,
		'Li Na', 'agent@contoso.example', '+86 10 5555 0102', 'email', 'en',
		2, 6, (SELECT t FROM demo_now) - 864000, (SELECT t FROM demo_now) - 691200, NULL),

	(10, 1, 2, 4, 43, 'Invoice shows licences that were cancelled',
		'The customer cancelled 40 E3 licences last month but the new invoice still charges for them.',
		'C', 'attention_needed', NULL,
		'Chen Wei', 'admin@contoso.example', '+86 10 5555 0101', 'email', 'en',
		1, 6, (SELECT t FROM demo_now) - 1296000, (SELECT t FROM demo_now) - 1209600, NULL),

	(11, 1, 8, 1, 14, 'Mailbox forwarding rules created without authorisation',
		'Several mailboxes have inbox rules forwarding all mail to an external address that nobody at the customer created.',
		'B', 'closed', (SELECT t FROM demo_now) - 86400*30,
		'Li Na', 'agent@contoso.example', '+86 10 5555 0102', 'phone', 'en',
		2, 6, (SELECT t FROM demo_now) - 2505600, (SELECT t FROM demo_now) - 2332800, (SELECT t FROM demo_now) - 2332800),

	(12, 1, 9, 5, 52, 'VM performance degraded during peak hours',
		'The web front-end VMs reach 100% CPU between 19:00 and 22:00.',
		'C', 'none', NULL,
		'Zhang Min', 'helpdesk@contoso.example', '+86 10 5555 0103', 'email', 'zh',
		3, NULL, (SELECT t FROM demo_now) - 7200, (SELECT t FROM demo_now) - 7200, NULL),

	-- Contoso partner requests (no customer)
	(13, 1, NULL, 11, 111, 'Helpdesk agent cannot sign in to the portal',
		'Our new helpdesk agent gets "You do not have access" after signing in to Partner Center.',
		'B', 'open', (SELECT t FROM demo_now) - 86400 - 7200,
		'Chen Wei', 'admin@contoso.example', '+86 10 5555 0101', 'email', 'en',
		1, 6, (SELECT t FROM demo_now) - 86400, (SELECT t FROM demo_now) - 72000, NULL),

	(14, 1, NULL, 11, 113, 'Duplicate charge on partner invoice',
		'Our partner invoice for last month was charged twice to our corporate account.',
		'B', 'attention_needed', NULL,
		'Li Na', 'agent@contoso.example', '+86 10 5555 0102', 'email', 'zh',
		2, 6, (SELECT t FROM demo_now) - 1555200, (SELECT t FROM demo_now) - 1382400, NULL),

	-- Fabrikam
	(15, 2, 101, 1, 12, 'Shared mailboxes not visible in Outlook',
		'Shared mailboxes granted with full access no longer appear automatically in Outlook for Windows.',
		'B', 'open', (SELECT t FROM demo_now) - 86400*3,
		'Giulia Rossi', 'agent@fabrikam.example', '+39 02 5555 0105', 'email', 'it',
		5, NULL, (SELECT t FROM demo_now) - 194400, (SELECT t FROM demo_now) - 194400, NULL),

	(16, 2, 101, 7, 72, 'Point-in-time restore fails',
		'Restoring the orders database to a point in time fails with "The operation could not be completed".',
		'C', 'closed', (SELECT t FROM demo_now) - 86400*13,
		'Giulia Rossi', 'agent@fabrikam.example', '+39 02 5555 0105', 'phone', 'it',
		5, 6, (SELECT t FROM demo_now) - 1036800, (SELECT t FROM demo_now) - 432000, (SELECT t FROM demo_now) - 432000),

	(17, 2, 102, 3, 32, 'Channel messages not syncing to mobile clients',
		'Messages posted in channels appear on desktop but not in the mobile apps for several hours.',
		'C', 'attention_needed', (SELECT t FROM demo_now) - 86400*5,
		'Giulia Rossi', 'agent@fabrikam.example', '+39 02 5555 0105', 'email', 'en',
		5, 6, (SELECT t FROM demo_now) - 345600, (SELECT t FROM demo_now) - 259200, NULL);

-- What requests answered to their topic's fields ---------------------------

INSERT INTO request_answer (request_id, field_id, value) VALUES
	(5, 93, 'INV-2026-000123'),
	(6, 84, 'd64a9d3a-9a31-5e0e-a9d5-e7a98d753159'),
	(10, 43, 'INV-2026-000457'),
	(11, 14, '10f6c400-36d4-5f81-9477-62c4e8946f56'),
	(14, 113, 'INV-2026-000789');

-- Events (append-only timelines, in time order per request) -----------------

INSERT INTO event (id, request_id, at, actor_id, kind, visibility, body, old_value, new_value) VALUES
	-- request 1
	(1,  1,  (SELECT t FROM demo_now) - 5400,    2, 'created', 'public',   '', NULL, NULL),
	(2,  1,  (SELECT t FROM demo_now) - 3600,    6, 'note',    'internal', 'INTERNAL: partner has a history of duplicate tickets', NULL, NULL),
	(3,  1,  (SELECT t FROM demo_now) - 1800,    6, 'note',    'public',   'This matches the active Exchange Online incident (mail delivery delays in China East). We will update you when it is resolved.', NULL, NULL),
	-- request 2
	(4,  2,  (SELECT t FROM demo_now) - 172800,  1, 'created', 'public',   '', NULL, NULL),
	(5,  2,  (SELECT t FROM demo_now) - 171000,  6, 'note',    'public',   'Called Chen Wei. We are collecting the boot diagnostics of the VM.', NULL, NULL),
	(6,  2,  (SELECT t FROM demo_now) - 162000,  6, 'status',  'public',   'Please send the VM resource ID and a screenshot of the boot diagnostics.', 'open', 'attention_needed'),
	-- request 3
	(7,  3,  (SELECT t FROM demo_now) - 86400,   3, 'created', 'public',   '', NULL, NULL),
	-- request 4 (closed 3 days ago: can be reopened)
	(8,  4,  (SELECT t FROM demo_now) - 518400,  2, 'created', 'public',   '', NULL, NULL),
	(9,  4,  (SELECT t FROM demo_now) - 514800,  6, 'note',    'public',   'This is caused by the Azure Storage incident in China North 2; engineers are mitigating.', NULL, NULL),
	(10, 4,  (SELECT t FROM demo_now) - 345600,  2, 'note',    'public',   'The customer confirms that uploads succeed again.', NULL, NULL),
	(11, 4,  (SELECT t FROM demo_now) - 259200,  6, 'status',  'public',   'Resolved: the incident was mitigated and the customer confirmed.', 'open', 'closed'),
	-- request 5 (closed 20 days ago: can no longer be reopened)
	(12, 5,  (SELECT t FROM demo_now) - 2160000, 1, 'created', 'public',   '', NULL, NULL),
	(13, 5,  (SELECT t FROM demo_now) - 2073600, 6, 'note',    'public',   'Forwarded to the billing team; a credit note will be issued.', NULL, NULL),
	(14, 5,  (SELECT t FROM demo_now) - 1728000, 6, 'status',  'public',   'Resolved: credit note CN-2026-000044 issued for the duplicate charge.', 'open', 'closed'),
	-- request 6
	(15, 6,  (SELECT t FROM demo_now) - 43200,   1, 'created', 'public',   '', NULL, NULL),
	(16, 6,  (SELECT t FROM demo_now) - 36000,   6, 'note',    'public',   'Our security team is engaged. Please reset the password of the affected account and revoke its sessions now.', NULL, NULL),
	-- request 7
	(17, 7,  (SELECT t FROM demo_now) - 21600,   2, 'created', 'public',   '', NULL, NULL),
	-- request 8
	(18, 8,  (SELECT t FROM demo_now) - 691200,  3, 'created', 'public',   '', NULL, NULL),
	(19, 8,  (SELECT t FROM demo_now) - 676800,  6, 'note',    'public',   'We are reviewing the mailbox and queue configuration.', NULL, NULL),
	(20, 8,  (SELECT t FROM demo_now) - 432000,  6, 'status',  'public',   'Please send the message ID of an email that was not converted to a case.', 'open', 'attention_needed'),
	-- request 9
	(21, 9,  (SELECT t FROM demo_now) - 864000,  2, 'created', 'public',   '', NULL, NULL),
	(22, 9,  (SELECT t FROM demo_now) - 777600,  6, 'status',  'public',   'Please send the call ID of an affected meeting.', 'open', 'attention_needed'),
	(23, 9,  (SELECT t FROM demo_now) - 691200,  2, 'note',    'public',   'Call ID of an affected meeting: 7c2e4a90-1b3d-4e5f-8a6b-9c0d1e2f3a4b.', NULL, NULL),
	(24, 9,  (SELECT t FROM demo_now) - 691200,  2, 'status',  'public',   '', 'attention_needed', 'open'),
	-- request 10
	(25, 10, (SELECT t FROM demo_now) - 1296000, 1, 'created', 'public',   '', NULL, NULL),
	(26, 10, (SELECT t FROM demo_now) - 1209600, 6, 'status',  'public',   'Please attach the invoice PDF and the cancellation confirmation.', 'open', 'attention_needed'),
	-- request 11 (closed 27 days ago)
	(27, 11, (SELECT t FROM demo_now) - 2505600, 2, 'created', 'public',   '', NULL, NULL),
	(28, 11, (SELECT t FROM demo_now) - 2419200, 6, 'note',    'public',   'The forwarding rules were removed and the sessions of the affected accounts revoked. Please enforce MFA for all administrators.', NULL, NULL),
	(29, 11, (SELECT t FROM demo_now) - 2336400, 2, 'note',    'public',   'MFA is now enforced for all administrators. Thank you.', NULL, NULL),
	(30, 11, (SELECT t FROM demo_now) - 2332800, 6, 'status',  'public',   'Resolved: compromised accounts secured.', 'open', 'closed'),
	-- request 12 (status none)
	(31, 12, (SELECT t FROM demo_now) - 7200,    3, 'created', 'public',   '', NULL, NULL),
	-- request 13
	(32, 13, (SELECT t FROM demo_now) - 86400,   1, 'created', 'public',   '', NULL, NULL),
	(33, 13, (SELECT t FROM demo_now) - 72000,   6, 'note',    'public',   'We are checking the role assignment of the account; please confirm the user''s email address.', NULL, NULL),
	-- request 14
	(34, 14, (SELECT t FROM demo_now) - 1555200, 2, 'created', 'public',   '', NULL, NULL),
	(35, 14, (SELECT t FROM demo_now) - 1382400, 6, 'status',  'public',   'Please send both payment receipts.', 'open', 'attention_needed'),
	-- request 15
	(36, 15, (SELECT t FROM demo_now) - 194400,  5, 'created', 'public',   '', NULL, NULL),
	-- request 16
	(37, 16, (SELECT t FROM demo_now) - 1036800, 5, 'created', 'public',   '', NULL, NULL),
	(38, 16, (SELECT t FROM demo_now) - 950400,  6, 'note',    'public',   'The restore fails because the requested point is outside the retention period. Please choose a point within the last 7 days.', NULL, NULL),
	(39, 16, (SELECT t FROM demo_now) - 432000,  6, 'status',  'public',   'Resolved: restore completed within the retention period.', 'open', 'closed'),
	-- request 17
	(40, 17, (SELECT t FROM demo_now) - 345600,  5, 'created', 'public',   '', NULL, NULL),
	(41, 17, (SELECT t FROM demo_now) - 259200,  6, 'status',  'public',   'Which version of the Teams mobile app do the affected users run?', 'open', 'attention_needed');

-- Requests about incidents: the Exchange delays, the storage latency.
UPDATE request SET incident_id = 1 WHERE id = 1;
UPDATE request SET incident_id = 2 WHERE id = 4;

-- Deflections ("Solved without a request") -----------------------------------

INSERT INTO deflection (id, partner_id, customer_id, service_id, user_id, at) VALUES
	(1, 1, 1,   1, 2, (SELECT t FROM demo_now) - 86400),
	(2, 1, 4,   2, 3, (SELECT t FROM demo_now) - 86400*3),
	(3, 1, 5,   9, 1, (SELECT t FROM demo_now) - 86400*10),
	(4, 2, 101, 1, 5, (SELECT t FROM demo_now) - 86400*2);

-- History ------------------------------------------------------------------
-- The eleven months before this one: closed requests whose first responses
-- were met or breached, some flagged, so that the charts of the SLA report
-- and the scorecard tell a story on a fresh `make run`.  Contoso's flag rate
-- climbs from none to over a third (hence its remediation case), and its
-- critical requests had a bad spell five and six months ago; Fabrikam stays
-- steady.  Ids from 1001; spread by fixed arithmetic, not random, so that
-- every load is the same.  Times: 09:00-15:00 Beijing, when every SLA
-- calendar is open, so due = filed + the target (2, 4, 8 h by severity).

CREATE TEMP TABLE demo_history AS
WITH RECURSIVE
	months(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM months WHERE k < 11),
	nums(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM nums WHERE i < 14),
	-- Requests a month: Contoso 12-14, Fabrikam 6-7.
	cells AS (SELECT p.id AS partner_id, k, i FROM partner p, months, nums
	    WHERE i <= CASE p.id WHEN 1 THEN 12 + k % 3 ELSE 6 + k % 2 END),
	rated AS (SELECT *, CASE WHEN (i * 7 + k * 3) % 20 < 3 THEN 'A'
	    WHEN (i * 7 + k * 3) % 20 < 11 THEN 'B' ELSE 'C' END AS severity
	    FROM cells),
	-- Each partner's customers numbered from 0, and its premium ones
	-- (severity A only where the customer has a premium agreement).
	everyone AS (SELECT partner_id, id, row_number() OVER (PARTITION BY
	    partner_id ORDER BY id) - 1 AS n, count(*) OVER (PARTITION BY
	    partner_id) AS c FROM customer),
	premium AS (SELECT partner_id, id, row_number() OVER (PARTITION BY
	    partner_id ORDER BY id) - 1 AS n, count(*) OVER (PARTITION BY
	    partner_id) AS c FROM customer WHERE premium = 1),
	placed AS (SELECT r.*, CASE WHEN r.severity = 'A' THEN
	    (SELECT id FROM premium c WHERE c.partner_id = r.partner_id
	    AND c.n = (r.i * 3 + r.k) % c.c) ELSE
	    (SELECT id FROM everyone c WHERE c.partner_id = r.partner_id
	    AND c.n = (r.i * 3 + r.k) % c.c) END AS customer_id FROM rated r),
	-- One of the services the customer uses.
	services AS (SELECT customer_id, service_id, row_number() OVER
	    (PARTITION BY customer_id ORDER BY service_id) - 1 AS n,
	    count(*) OVER (PARTITION BY customer_id) AS c FROM customer_service),
	served AS (SELECT p.*, (SELECT service_id FROM services s
	    WHERE s.customer_id = p.customer_id AND s.n = p.i % s.c)
	    AS service_id FROM placed p)
SELECT 1000 + row_number() OVER (ORDER BY partner_id, k DESC, i) AS id, *,
    unixepoch((SELECT t FROM demo_now), 'unixepoch', 'start of month',
	'-' || k || ' months') + ((i - 1) * 2) * 86400 + 3600 * (1 + i % 6)
	AS created_at,
    CASE severity WHEN 'A' THEN 7200 WHEN 'B' THEN 14400 ELSE 28800 END
	AS target,
    -- Breached: about one in ten, Fabrikam's one in six; Contoso's
    -- critical ones five and six months ago, most.
    (i * 37 + k * 11 + unicode(severity) * 5) % 100 < CASE
	WHEN partner_id = 1 AND severity = 'A' AND k IN (5, 6) THEN 75
	WHEN partner_id = 2 THEN 16 ELSE 9 END AS breached,
    -- Flagged: Contoso's from none to about 3 in 5 (last month also
    -- holds the demo's own requests, unflagged: it takes more); Fabrikam
    -- one every four months.
    CASE WHEN partner_id = 1 THEN (i * 5 + k) % 13 <
	CASE k WHEN 1 THEN 9 ELSE (11 - k) * 3 / 5 END
	ELSE k % 4 = 0 AND i = 1 END AS flagged
FROM served;

INSERT INTO request (id, partner_id, customer_id, service_id, topic_id, title,
	description, severity, status, contact_name, contact_email, contact_phone,
	contact_method, contact_lang, created_by, assignee_id, created_at,
	updated_at, closed_at, due_at, first_contact_at, breached, resolution)
SELECT id, partner_id, customer_id, service_id, service_id * 10 + 1 + i % 2,
    CASE i % 6 WHEN 0 THEN 'Users prompted to sign in again and again'
	WHEN 1 THEN 'Licence assignment fails for new users'
	WHEN 2 THEN 'Slow response times in the afternoon'
	WHEN 3 THEN 'Configuration change did not take effect'
	WHEN 4 THEN 'Intermittent connection errors'
	ELSE 'Error message after the latest update' END,
    'A request of the demo history.', severity, 'closed',
    CASE partner_id WHEN 1 THEN 'Li Na' ELSE 'Giulia Rossi' END,
    CASE partner_id WHEN 1 THEN 'agent@contoso.example' ELSE 'agent@fabrikam.example' END,
    '', 'email', CASE partner_id WHEN 1 THEN 'zh' ELSE 'it' END,
    CASE partner_id WHEN 1 THEN 2 ELSE 5 END, 6, created_at,
    created_at + 86400 * (1 + i % 3), created_at + 86400 * (1 + i % 3),
    created_at + target,
    created_at + CASE WHEN breached THEN target * 3 / 2 ELSE target / 2 END,
    breached, 'solved'
FROM demo_history;

INSERT INTO event (request_id, at, actor_id, kind, visibility, body, old_value, new_value)
SELECT id, at, actor, kind, 'public', body, old, new FROM (
	SELECT id, created_at AS at, CASE partner_id WHEN 1 THEN 2 ELSE 5 END AS actor,
	    'created' AS kind, '' AS body, NULL AS old, NULL AS new, 1 AS step
	FROM demo_history
	UNION ALL
	SELECT id, created_at + 86400 * (1 + i % 3), 6, 'status',
	    'Resolved with the customer.', 'open', 'closed', 2 FROM demo_history)
ORDER BY id, step;

INSERT INTO flag (request_id, partner_id, reason, comment, flagged_by, flagged_at)
SELECT id, partner_id, CASE i % 3 WHEN 0 THEN 'self_help'
	WHEN 1 THEN 'partner_scope' ELSE 'customer_config' END,
    'Answered by the self-help article for this topic.', 6, created_at + 3600
FROM demo_history WHERE flagged;

DROP TABLE temp.demo_history;

DROP TABLE temp.demo_now;

COMMIT;
