<?xml version="1.0" encoding="UTF-8"?>
<!-- Every error page: what went wrong in words, the field and rule when
     one input was at fault, and a way on. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:include href="layout.xsl"/>

  <xsl:template match="page" mode="title">
    <xsl:call-template name="error-heading"/>
  </xsl:template>

  <xsl:template name="error-heading">
    <xsl:call-template name="t">
      <xsl:with-param name="k" select="concat('error.status.', /page/error/@status)"/>
      <xsl:with-param name="else" select="'error.title'"/>
    </xsl:call-template>
  </xsl:template>

  <xsl:template match="page" mode="content">
    <section class="error-page">
      <h1>
        <xsl:call-template name="error-heading"/>
        <span class="status-code"><xsl:value-of select="concat(' (', error/@status, ')')"/></span>
      </h1>
      <xsl:if test="error/@rule">
        <p class="rule">
          <xsl:if test="error/@field">
            <xsl:call-template name="t"><xsl:with-param name="k" select="'error.in_field'"/></xsl:call-template>
            <xsl:text> </xsl:text>
            <code class="field"><xsl:value-of select="error/@field"/></code>
            <xsl:text>: </xsl:text>
          </xsl:if>
          <xsl:call-template name="t"><xsl:with-param name="k" select="concat('error.', error/@rule)"/></xsl:call-template>
          <xsl:if test="error/@limit">
            <xsl:value-of select="concat(' ', round(error/@limit div 1048576), ' MB.')"/>
          </xsl:if>
        </p>
      </xsl:if>
      <xsl:if test="normalize-space(error)">
        <p class="detail"><xsl:value-of select="error"/></p>
      </xsl:if>
      <p>
        <xsl:choose>
          <xsl:when test="user">
            <a href="/dashboard"><xsl:call-template name="t"><xsl:with-param name="k" select="'error.home'"/></xsl:call-template></a>
          </xsl:when>
          <xsl:otherwise>
            <a href="/login"><xsl:call-template name="t"><xsl:with-param name="k" select="'error.sign_in'"/></xsl:call-template></a>
          </xsl:otherwise>
        </xsl:choose>
      </p>
    </section>
  </xsl:template>
</xsl:stylesheet>
