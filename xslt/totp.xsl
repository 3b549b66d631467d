<?xml version="1.0" encoding="UTF-8"?>
<!-- Sign-in's second step: a code from the authenticator app or a
     recovery code; for one who must set TOTP up first, the secret (as
     text: base32 and the otpauth URI) and its first code; once set up,
     the recovery codes, shown this once. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>
  <xsl:include href="two-step.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'totp.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <section class="login">
      <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'totp.title'"/></xsl:call-template></h1>
      <xsl:choose>
        <xsl:when test="totp/recovery-codes">
          <xsl:apply-templates select="totp/recovery-codes"/>
          <p><a href="{totp/@next}"><xsl:call-template name="t"><xsl:with-param name="k" select="'totp.continue'"/></xsl:call-template></a></p>
        </xsl:when>
        <xsl:otherwise><xsl:apply-templates select="totp"/></xsl:otherwise>
      </xsl:choose>
    </section>
  </xsl:template>

  <xsl:template match="totp">
    <xsl:if test="@failed = 'yes'">
      <p class="notice error" role="alert">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'totp.failed'"/></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:if test="@failed = 'throttled'">
      <p class="notice error" role="alert">
        <xsl:call-template name="t"><xsl:with-param name="k" select="'login.throttled'"/></xsl:call-template>
        <xsl:text> </xsl:text>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'login.retry_in'"/></xsl:call-template>
        <xsl:value-of select="concat(' ', @retry-minutes, ' ')"/>
        <xsl:call-template name="t"><xsl:with-param name="k" select="'login.minutes'"/></xsl:call-template>
      </p>
    </xsl:if>
    <xsl:choose>
      <xsl:when test="enrol">
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'totp.enrol'"/></xsl:call-template></p>
        <xsl:apply-templates select="enrol"/>
      </xsl:when>
      <xsl:otherwise>
        <p><xsl:call-template name="t"><xsl:with-param name="k" select="'totp.ask'"/></xsl:call-template></p>
      </xsl:otherwise>
    </xsl:choose>
    <form method="post" action="/login/totp">
      <xsl:call-template name="csrf-field"/>
      <input type="hidden" name="next" value="{@next}"/>
      <p class="field">
        <label for="code"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.totp_code'"/></xsl:call-template></label>
        <input type="text" id="code" name="code" required="required" autocomplete="one-time-code"
            autofocus="autofocus" maxlength="20" spellcheck="false"/>
      </p>
      <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'totp.submit'"/></xsl:call-template></button></p>
    </form>
  </xsl:template>

</xsl:stylesheet>
