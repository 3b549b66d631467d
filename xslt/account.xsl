<?xml version="1.0" encoding="UTF-8"?>
<!-- Account settings: the profile, the email wanted, two-step sign-in (its recovery codes
     shown once) and, for a partner's global admin, the API tokens for scripts (a new
     token's secret shown once). -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="two-step.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'nav.account'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'nav.account'"/></xsl:call-template></h1>
    <xsl:if test="account/@saved = 'yes'">
      <p class="notice success" role="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.saved'"/></xsl:call-template></p>
    </xsl:if>
    <xsl:apply-templates select="account/new-token"/>
    <xsl:apply-templates select="account/profile"/>
    <xsl:apply-templates select="account/mail"/>
    <xsl:apply-templates select="account/two-step"/>
    <xsl:apply-templates select="account/tokens"/>
  </xsl:template>

  <!-- Two-step sign-in: off (start), pending (the secret, a code to
       confirm), on (off again unless the role requires it). -->
  <xsl:template match="two-step">
    <section class="two-step" id="two-step">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step'"/></xsl:call-template></h2>
      <xsl:apply-templates select="../recovery-codes"/>
      <p>
        <xsl:choose>
          <xsl:when test="@state = 'on'"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_on'"/></xsl:call-template></xsl:when>
          <xsl:when test="@state = 'pending'"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_pending'"/></xsl:call-template></xsl:when>
          <xsl:otherwise><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_off'"/></xsl:call-template></xsl:otherwise>
        </xsl:choose>
        <xsl:if test="@required = 'yes'">
          <xsl:text> </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_required'"/></xsl:call-template>
        </xsl:if>
      </p>
      <xsl:choose>
        <xsl:when test="@state = 'off'">
          <form method="post" action="/account/totp">
            <xsl:call-template name="csrf-field"/>
            <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_start'"/></xsl:call-template></button></p>
          </form>
        </xsl:when>
        <xsl:when test="@state = 'pending'">
          <xsl:apply-templates select="enrol"/>
          <form method="post" action="/account/totp/confirm">
            <xsl:call-template name="csrf-field"/>
            <p class="field">
              <label for="code"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.totp_code'"/></xsl:call-template></label>
              <input type="text" id="code" name="code" required="required" autocomplete="one-time-code"
                  inputmode="numeric" maxlength="6" spellcheck="false"/>
              <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'code'"/></xsl:call-template>
            </p>
            <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_confirm'"/></xsl:call-template></button></p>
          </form>
        </xsl:when>
        <xsl:when test="@state = 'on'">
          <!-- On: one current code, for new recovery codes or, when the
               role allows, for turning it off. -->
          <form method="post" action="/account/totp/recovery">
            <xsl:call-template name="csrf-field"/>
            <p><xsl:call-template name="t"><xsl:with-param name="k" select="'account.recovery_left'"/></xsl:call-template><xsl:text> </xsl:text><xsl:value-of select="@recovery-left"/></p>
            <p><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_change'"/></xsl:call-template></p>
            <p class="field">
              <label for="code"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.totp_code'"/></xsl:call-template></label>
              <input type="text" id="code" name="code" required="required" autocomplete="one-time-code"
                  maxlength="20" spellcheck="false"/>
              <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'code'"/></xsl:call-template>
            </p>
            <p>
              <button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_recovery'"/></xsl:call-template></button>
              <xsl:if test="@required = 'no'">
                <xsl:text> </xsl:text>
                <button type="submit" class="secondary" formaction="/account/totp/off"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.two_step_disable'"/></xsl:call-template></button>
              </xsl:if>
            </p>
          </form>
        </xsl:when>
      </xsl:choose>
    </section>
  </xsl:template>

  <!-- Email preferences: a separate form of their own. -->
  <xsl:template match="mail">
    <section class="mail-prefs">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'account.mail'"/></xsl:call-template></h2>
      <form method="post" action="/account/mail">
        <xsl:call-template name="csrf-field"/>
        <xsl:for-each select="topic">
          <p class="field">
            <input type="checkbox" id="mail-{@name}" name="on" value="{@name}">
              <xsl:if test="@on = 'yes'"><xsl:attribute name="checked">checked</xsl:attribute></xsl:if>
            </input>
            <xsl:text> </xsl:text>
            <label for="mail-{@name}"><xsl:call-template name="t"><xsl:with-param name="k" select="concat('account.mail.', @name)"/></xsl:call-template></label>
          </p>
        </xsl:for-each>
        <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.mail_security'"/></xsl:call-template></p>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
      </form>
    </section>
  </xsl:template>

  <xsl:template match="profile">
    <section class="profile">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'account.profile'"/></xsl:call-template></h2>
      <form method="post" action="/account">
        <xsl:call-template name="csrf-field"/>
        <p class="field">
          <label for="email"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></label>
          <input type="email" id="email" value="{email}" readonly="readonly"/>
        </p>
        <p class="field">
          <label for="name"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.name'"/></xsl:call-template></label>
          <input type="text" id="name" name="name" value="{name}" required="required" maxlength="200"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'name'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="phone"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.phone'"/></xsl:call-template></label>
          <input type="tel" id="phone" name="phone" value="{phone}" maxlength="40"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'phone'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="lang"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.lang'"/></xsl:call-template></label>
          <select id="lang" name="lang">
            <xsl:call-template name="lang-option"><xsl:with-param name="v" select="''"/></xsl:call-template>
            <xsl:call-template name="lang-option"><xsl:with-param name="v" select="'zh'"/></xsl:call-template>
            <xsl:call-template name="lang-option"><xsl:with-param name="v" select="'en'"/></xsl:call-template>
            <xsl:call-template name="lang-option"><xsl:with-param name="v" select="'it'"/></xsl:call-template>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'lang'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="tz"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.tz'"/></xsl:call-template></label>
          <select id="tz" name="tz">
            <xsl:variable name="tz" select="tz"/>
            <xsl:for-each select="../zones/zone">
              <option value="{.}">
                <xsl:if test=". = $tz"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
                <xsl:value-of select="."/>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'tz'"/></xsl:call-template>
        </p>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'action.save'"/></xsl:call-template></button></p>
      </form>
      <p><a href="/account/password"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.password'"/></xsl:call-template></a></p>
    </section>
  </xsl:template>

  <xsl:template name="lang-option">
    <xsl:param name="v"/>
    <option value="{$v}">
      <xsl:if test="$v = /page/account/profile/lang"><xsl:attribute name="selected">selected</xsl:attribute></xsl:if>
      <xsl:call-template name="t"><xsl:with-param name="k" select="concat('account.lang.', $v)"/></xsl:call-template>
    </option>
  </xsl:template>

  <xsl:template match="new-token">
    <div class="notice success" role="status" id="token-{@id}">
      <p><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_created'"/></xsl:call-template></p>
      <p><code class="secret"><xsl:value-of select="secret"/></code></p>
    </div>
  </xsl:template>

  <xsl:template match="tokens">
    <section class="tokens">
      <h2><xsl:call-template name="t"><xsl:with-param name="k" select="'account.tokens'"/></xsl:call-template></h2>
      <p><a href="/reports/audit"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.audit'"/></xsl:call-template></a></p>
      <p class="hint"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.tokens_hint'"/></xsl:call-template></p>
      <xsl:if test="token">
        <table>
          <thead>
            <tr>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'field.name'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_owner'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_created_at'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_last_used'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_access'"/></xsl:call-template></th>
              <th><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_expires'"/></xsl:call-template></th>
              <th></th>
            </tr>
          </thead>
          <tbody>
            <xsl:for-each select="token">
              <tr>
                <td><xsl:value-of select="name"/> <code><xsl:value-of select="concat(' ', prefix, '…')"/></code></td>
                <td><xsl:value-of select="owner"/></td>
                <td><time datetime="{@created}"><xsl:value-of select="substring(@created, 1, 10)"/></time></td>
                <td><xsl:value-of select="substring(@last-used, 1, 10)"/></td>
                <td><xsl:call-template name="t"><xsl:with-param name="k" select="concat('account.access.', @access)"/></xsl:call-template></td>
                <td><xsl:value-of select="substring(@expires, 1, 10)"/></td>
                <td>
                  <xsl:choose>
                    <xsl:when test="@revoked">
                      <xsl:call-template name="t"><xsl:with-param name="k" select="'account.revoked'"/></xsl:call-template>
                    </xsl:when>
                    <xsl:otherwise>
                      <form method="post" action="/account/tokens/{@id}/revoke" class="inline">
                        <xsl:call-template name="csrf-field"/>
                        <button type="submit" class="secondary">
                          <xsl:call-template name="t"><xsl:with-param name="k" select="'account.revoke'"/></xsl:call-template>
                        </button>
                      </form>
                    </xsl:otherwise>
                  </xsl:choose>
                </td>
              </tr>
            </xsl:for-each>
          </tbody>
        </table>
      </xsl:if>
      <form method="post" action="/account/tokens">
        <xsl:call-template name="csrf-field"/>
        <p class="field">
          <label for="token_name"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_name'"/></xsl:call-template></label>
          <input type="text" id="token_name" name="name" required="required" maxlength="200"/>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'token_name'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="token_access"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_access'"/></xsl:call-template></label>
          <select id="token_access" name="access">
            <option value="write"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.access.write'"/></xsl:call-template></option>
            <option value="read"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.access.read'"/></xsl:call-template></option>
            <option value="feed"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.access.feed'"/></xsl:call-template></option>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'token_access'"/></xsl:call-template>
        </p>
        <p class="field">
          <label for="token_expires"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.token_expires'"/></xsl:call-template></label>
          <select id="token_expires" name="expires">
            <option value=""><xsl:call-template name="t"><xsl:with-param name="k" select="'account.expires.never'"/></xsl:call-template></option>
            <xsl:for-each select="../lifetimes/days">
              <option value="{.}">
                <xsl:value-of select="concat(., ' ')"/>
                <xsl:call-template name="t"><xsl:with-param name="k" select="'account.days'"/></xsl:call-template>
              </option>
            </xsl:for-each>
          </select>
          <xsl:call-template name="field-errors"><xsl:with-param name="name" select="'token_expires'"/></xsl:call-template>
        </p>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'account.create_token'"/></xsl:call-template></button></p>
      </form>
    </section>
  </xsl:template>
</xsl:stylesheet>
