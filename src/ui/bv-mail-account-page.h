/* bv-mail-account-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BV_TYPE_MAIL_ACCOUNT_PAGE (bv_mail_account_page_get_type ())
G_DECLARE_FINAL_TYPE (BvMailAccountPage, bv_mail_account_page, BV, MAIL_ACCOUNT_PAGE, AdwPreferencesPage)

/* Einstellungen → E-Mail: the club's mailbox that invitations are sent
 * through. The sender and address are typed; server, port, security and
 * user name come from the provider table or the provider's own autoconfig
 * file and stay editable; the provider's advice is shown where it
 * matters. The password goes only into the keyring. The account is saved
 * after a successful "Test Connection", or explicitly without a test.
 *
 * Actions (group "mail"): mail.test, mail.save (without a test),
 * mail.remove. Emits ::saved after the account (and the password) were
 * stored. */
BvMailAccountPage *bv_mail_account_page_new (GSettings *settings);

/* TRUE while the page looks up server settings, tests or saves. */
gboolean           bv_mail_account_page_is_busy (BvMailAccountPage *self);

G_END_DECLS
