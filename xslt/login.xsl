<?xml version="1.0" encoding="UTF-8"?>
<!-- Sign-in: email and password; says why when it failed or the
     session expired, and keeps the email typed. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="t"><xsl:with-param name="k" select="'login.title'"/></xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <section class="login">
      <h1><xsl:call-template name="t"><xsl:with-param name="k" select="'login.title'"/></xsl:call-template></h1>
      <xsl:if test="login/@expired = 'yes'">
        <p class="notice" role="status">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'login.expired'"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="login/@failed = 'yes'">
        <p class="notice error" role="alert">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'login.failed'"/></xsl:call-template>
        </p>
      </xsl:if>
      <xsl:if test="login/@failed = 'throttled'">
        <p class="notice error" role="alert">
          <xsl:call-template name="t"><xsl:with-param name="k" select="'login.throttled'"/></xsl:call-template>
          <xsl:text> </xsl:text>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'login.retry_in'"/></xsl:call-template>
          <xsl:value-of select="concat(' ', login/@retry-minutes, ' ')"/>
          <xsl:call-template name="t"><xsl:with-param name="k" select="'login.minutes'"/></xsl:call-template>
        </p>
      </xsl:if>
      <form method="post" action="/login">
        <xsl:call-template name="csrf-field"/>
        <input type="hidden" name="next" value="{login/@next}"/>
        <p class="field">
          <label for="email"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.email'"/></xsl:call-template></label>
          <input type="email" id="email" name="email" required="required" autocomplete="username"
              maxlength="200" value="{login/email}">
            <xsl:if test="not(login/@failed)"><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
          </input>
        </p>
        <p class="field">
          <label for="password"><xsl:call-template name="t"><xsl:with-param name="k" select="'field.password'"/></xsl:call-template></label>
          <input type="password" id="password" name="password" required="required"
              autocomplete="current-password">
            <xsl:if test="login/@failed"><xsl:attribute name="autofocus">autofocus</xsl:attribute></xsl:if>
          </input>
        </p>
        <p><button type="submit"><xsl:call-template name="t"><xsl:with-param name="k" select="'login.submit'"/></xsl:call-template></button></p>
      </form>
      <p><a href="/password/reset"><xsl:call-template name="t"><xsl:with-param name="k" select="'login.forgot'"/></xsl:call-template></a></p>
    </section>
  </xsl:template>
</xsl:stylesheet>
