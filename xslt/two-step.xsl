<?xml version="1.0" encoding="UTF-8"?>
<!-- Two-step sign-in's parts that sign-in's second step (totp.xsl) and
     Account settings (account.xsl) both show: the secret to enrol with,
     as text (base32 and the otpauth URI: no QR code), and the recovery
     codes of a new enrolment. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:template match="enrol">
    <dl class="totp-secret">
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'totp.secret'"/></xsl:call-template></dt>
      <dd><code class="secret"><xsl:value-of select="secret"/></code></dd>
      <dt><xsl:call-template name="t"><xsl:with-param name="k" select="'totp.uri'"/></xsl:call-template></dt>
      <dd><code class="secret"><xsl:value-of select="uri"/></code></dd>
    </dl>
  </xsl:template>

  <xsl:template match="recovery-codes">
    <p class="notice" role="status"><xsl:call-template name="t"><xsl:with-param name="k" select="'totp.recovery_once'"/></xsl:call-template></p>
    <ul class="recovery-codes">
      <xsl:for-each select="code"><li><code><xsl:value-of select="."/></code></li></xsl:for-each>
    </ul>
  </xsl:template>
</xsl:stylesheet>
